package cn.minhang.policy.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import cn.minhang.policy.engine.RuleSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Decision records and the rules archive in a JDBC database (H2 or PostgreSQL), its schema kept by Flyway
 * migrations ({@code db/migration}).
 *
 * <p>Every write is one transaction, committed before the method returns: a caller that answers a client after
 * {@link #insert(DecisionRecord)} returns has the record on disk. Every statement has the configured query
 * timeout and every connection the configured connection timeout; a database that is down or does not answer
 * in time gives a {@link StoreUnavailableException}, and the store recovers by itself when it returns.
 *
 * <p>Thread-safe. Several stores (several service instances) may share one PostgreSQL database.
 */
public final class RecordStore implements AutoCloseable {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SUMMARY_COLUMNS = "r.seq, r.id, r.idempotency_key, r.received_at, r.application_id, "
            + "r.enterprise_id, r.input_sha256, r.rules_version, r.engine_version, r.total";
    private static final String RECORD_COLUMNS = SUMMARY_COLUMNS + ", r.input_json, r.decision_json";

    private final RecordsConfig config;
    private final HikariDataSource pool;
    private final int queryTimeoutSeconds;

    private RecordStore(RecordsConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.queryTimeoutSeconds = (int) Math.max(1, config.queryTimeout().toSeconds());
    }

    /**
     * Connects to the database and brings its schema up to date.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     * @throws RecordStoreException      if the schema cannot be migrated
     */
    public static RecordStore open(RecordsConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("records");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1000, config.connectionTimeout().toMillis()));
        hikari.setInitializationFailTimeout(config.connectionTimeout().toMillis());
        hikari.setAutoCommit(false);
        if (config.isPostgres()) {
            // A database host that does not answer fails the connection attempt, and a statement whose answer
            // never comes fails its socket read, instead of holding a request for ever.
            long connectSeconds = Math.max(1, config.connectionTimeout().toSeconds());
            hikari.addDataSourceProperty("connectTimeout", String.valueOf(connectSeconds));
            hikari.addDataSourceProperty("loginTimeout", String.valueOf(connectSeconds));
            hikari.addDataSourceProperty("socketTimeout", String.valueOf(config.queryTimeout().toSeconds() + 5));
            hikari.addDataSourceProperty("ApplicationName", "minhang-policy-records");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to the records database " + config.describe() + ": "
                    + rootMessage(e), e);
        }
        try {
            Flyway.configure(RecordStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new RecordStoreException("cannot bring the records database " + config.describe()
                    + " up to date: " + rootMessage(e), e);
        }
        return new RecordStore(config, pool);
    }

    public RecordsConfig config() {
        return config;
    }

    /** True if the database answers a trivial query within the timeouts. */
    public boolean isAvailable() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(queryTimeoutSeconds);
            s.execute("SELECT 1");
            c.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ archive

    /** True if the files of {@code version} are in the archive. */
    public boolean isArchived(String version) {
        return read(c -> {
            try (PreparedStatement s = prepare(c, "SELECT 1 FROM rules_version WHERE version = ?")) {
                s.setString(1, version);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /**
     * Stores the files of {@code rules} under its version, if that version is not archived yet; a version once
     * archived is never changed. Safe to call from several threads and several instances at once.
     *
     * @return true if this call stored them
     */
    public boolean archive(RuleSource rules, String engineVersion) {
        String version = rules.version();
        if (isArchived(version)) {
            return false;
        }
        try {
            return write(c -> {
                try (PreparedStatement v = prepare(c,
                        "INSERT INTO rules_version (version, archived_at, engine_version) VALUES (?, ?, ?)");
                     PreparedStatement f = prepare(c, "INSERT INTO rules_file (version, name, text) VALUES (?, ?, ?)")) {
                    v.setString(1, version);
                    v.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                    v.setString(3, engineVersion);
                    v.executeUpdate();
                    for (Map.Entry<String, String> file : rules.files().entrySet()) {
                        f.setString(1, version);
                        f.setString(2, file.getKey());
                        f.setString(3, file.getValue());
                        f.addBatch();
                    }
                    f.executeBatch();
                }
                return true;
            });
        } catch (RecordStoreException e) {
            if (isUniqueViolation(e.getCause())) {
                return false;  // archived meanwhile by another thread or instance
            }
            throw e;
        }
    }

    /** The archived files of {@code version}, exactly as they served. */
    public Optional<RuleSource> archivedRules(String version) {
        return read(c -> {
            Map<String, String> files = new TreeMap<>();
            try (PreparedStatement s = prepare(c, "SELECT name, text FROM rules_file WHERE version = ? ORDER BY name")) {
                s.setString(1, version);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        files.put(r.getString(1), r.getString(2));
                    }
                }
            }
            return files.isEmpty() ? Optional.<RuleSource>empty()
                    : Optional.of(new RuleSource("archive:" + version, files));
        });
    }

    /** Every archived version, the first archived first. */
    public List<ArchivedVersion> archivedVersions() {
        return read(c -> {
            List<ArchivedVersion> versions = new ArrayList<>();
            try (PreparedStatement s = prepare(c, "SELECT v.version, v.archived_at, v.engine_version, "
                    + "(SELECT COUNT(*) FROM rules_file f WHERE f.version = v.version) "
                    + "FROM rules_version v ORDER BY v.archived_at, v.version");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    versions.add(new ArchivedVersion(r.getString(1), instant(r, 2), r.getString(3), r.getInt(4)));
                }
            }
            return versions;
        });
    }

    /** A rules version in the archive. */
    public record ArchivedVersion(String version, Instant archivedAt, String engineVersion, int files) {
    }

    /** The archive's entry for {@code version}, without its files. */
    public Optional<ArchivedVersion> archivedVersion(String version) {
        return archivedVersions().stream().filter(v -> v.version().equals(version)).findFirst();
    }

    // ------------------------------------------------------------------------------------------------ records

    /** What {@link #insert(DecisionRecord)} did. */
    public record Inserted(DecisionRecord record, boolean created) {
    }

    /**
     * Stores {@code record} (its rules version must be archived) in one transaction, committed before this
     * returns. If its idempotency key is already taken, nothing is stored and the record that holds the key is
     * returned instead ({@code created} false): the caller decides whether that is a retry or a conflict.
     */
    public Inserted insert(DecisionRecord record) {
        try {
            write(c -> {
                try (PreparedStatement s = prepare(c, "INSERT INTO decision_record (id, idempotency_key, received_at, "
                        + "application_id, enterprise_id, input_sha256, input_json, decision_json, rules_version, "
                        + "engine_version, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                     PreparedStatement l = prepare(c,
                             "INSERT INTO decision_record_clause (record_id, clause, status) VALUES (?, ?, ?)")) {
                    s.setString(1, record.id());
                    s.setString(2, record.idempotencyKey());
                    s.setObject(3, OffsetDateTime.ofInstant(record.receivedAt(), ZoneOffset.UTC));
                    s.setString(4, record.applicationId());
                    s.setString(5, record.enterpriseId());
                    s.setString(6, record.inputSha256());
                    s.setString(7, record.inputJson());
                    s.setString(8, record.decisionJson());
                    s.setString(9, record.rulesVersion());
                    s.setString(10, record.engineVersion());
                    s.setBigDecimal(11, record.total());
                    s.executeUpdate();
                    for (DecisionRecord.ClauseStatus cs : record.clauses()) {
                        l.setString(1, record.id());
                        l.setString(2, cs.clause());
                        l.setString(3, cs.status());
                        l.addBatch();
                    }
                    l.executeBatch();
                }
                return null;
            });
            return new Inserted(record, true);
        } catch (RecordStoreException e) {
            if (record.idempotencyKey() != null && isUniqueViolation(e.getCause())) {
                Optional<DecisionRecord> holder = findByKey(record.idempotencyKey());
                if (holder.isPresent()) {
                    return new Inserted(holder.get(), false);
                }
            }
            throw e;
        }
    }

    public Optional<DecisionRecord> find(String id) {
        return findBy("r.id = ?", id);
    }

    public Optional<DecisionRecord> findByKey(String idempotencyKey) {
        return findBy("r.idempotency_key = ?", idempotencyKey);
    }

    private Optional<DecisionRecord> findBy(String condition, String value) {
        return read(c -> {
            try (PreparedStatement s = prepare(c, "SELECT " + RECORD_COLUMNS + " FROM decision_record r WHERE "
                    + condition)) {
                s.setString(1, value);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<DecisionRecord>empty();
                    }
                    RecordSummary summary = summary(r, List.of());
                    String input = r.getString("input_json");
                    String decision = r.getString("decision_json");
                    return Optional.of(new DecisionRecord(summary.id(), summary.idempotencyKey(), summary.receivedAt(),
                            summary.applicationId(), summary.enterpriseId(), summary.inputSha256(), input, decision,
                            summary.rulesVersion(), summary.engineVersion(), summary.total(),
                            clauses(c, List.of(summary.id())).getOrDefault(summary.id(), List.of())));
                }
            }
        });
    }

    /** One page of the records that match {@code query}, in the order they were stored. */
    public RecordPage list(RecordQuery query) {
        return read(c -> {
            List<Object> parameters = new ArrayList<>();
            String where = where(query, parameters, true);
            List<RecordSummary> page = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            try (PreparedStatement s = prepare(c, "SELECT " + SUMMARY_COLUMNS + " FROM decision_record r" + where
                    + " ORDER BY r.seq FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY")) {
                bind(s, parameters);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        seqs.add(r.getLong("seq"));
                        page.add(summary(r, List.of()));
                    }
                }
            }
            Long next = null;
            if (page.size() > query.limit()) {
                page = page.subList(0, query.limit());
                next = seqs.get(query.limit() - 1);
            }
            Map<String, List<DecisionRecord.ClauseStatus>> clauses =
                    clauses(c, page.stream().map(RecordSummary::id).toList());
            List<RecordSummary> withClauses = page.stream().map(p -> new RecordSummary(p.id(), p.idempotencyKey(),
                    p.receivedAt(), p.applicationId(), p.enterpriseId(), p.inputSha256(), p.rulesVersion(),
                    p.engineVersion(), p.total(), clauses.getOrDefault(p.id(), List.of()))).toList();
            return new RecordPage(withClauses, next);
        });
    }

    /** What an export writes, one line per record. */
    public enum ExportContent {
        /** The decision documents: the lines {@code ./policy batch} writes. */
        DECISIONS,
        /** The applications in canonical JSON: a file {@code ./policy batch} reads. */
        APPLICATIONS
    }

    /**
     * Writes every record that matches {@code query} (its cursor and limit are ignored) as JSON lines, in the
     * order they were stored, streaming from the database.
     *
     * @return the number of lines written
     */
    public long export(RecordQuery query, ExportContent content, Writer out) {
        return read(c -> {
            List<Object> parameters = new ArrayList<>();
            String where = where(query, parameters, false);
            String column = content == ExportContent.DECISIONS ? "r.decision_json" : "r.input_json";
            long lines = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM decision_record r" + where
                    + " ORDER BY r.seq", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(200);
                bind(s, parameters);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.write(r.getString(1));
                        out.write('\n');
                        lines++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        });
    }

    /**
     * Deletes every record received in {@code [from, to)}, in one transaction. The rules archive is kept: it
     * holds no enterprise data.
     *
     * @return the number of records deleted
     */
    public int purge(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
        return write(c -> {
            try (PreparedStatement clauses = prepare(c, "DELETE FROM decision_record_clause WHERE record_id IN "
                    + "(SELECT id FROM decision_record WHERE received_at >= ? AND received_at < ?)");
                 PreparedStatement records = prepare(c,
                         "DELETE FROM decision_record WHERE received_at >= ? AND received_at < ?")) {
                for (PreparedStatement s : List.of(clauses, records)) {
                    s.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    s.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                }
                clauses.executeUpdate();
                return records.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    // ------------------------------------------------------------------------------------------------ SQL

    private static String where(RecordQuery q, List<Object> parameters, boolean paged) {
        List<String> conditions = new ArrayList<>();
        if (q.enterpriseId() != null) {
            conditions.add("r.enterprise_id = ?");
            parameters.add(q.enterpriseId());
        }
        if (q.applicationId() != null) {
            conditions.add("r.application_id = ?");
            parameters.add(q.applicationId());
        }
        if (q.rulesVersion() != null) {
            conditions.add("r.rules_version = ?");
            parameters.add(q.rulesVersion());
        }
        if (q.from() != null) {
            conditions.add("r.received_at >= ?");
            parameters.add(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            conditions.add("r.received_at < ?");
            parameters.add(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (q.clause() != null || q.status() != null) {
            StringBuilder exists = new StringBuilder(
                    "EXISTS (SELECT 1 FROM decision_record_clause l WHERE l.record_id = r.id");
            if (q.clause() != null) {
                exists.append(" AND l.clause = ?");
                parameters.add(q.clause());
            }
            if (q.status() != null) {
                exists.append(" AND l.status = ?");
                parameters.add(q.status());
            }
            conditions.add(exists.append(')').toString());
        }
        if (paged && q.after() != null) {
            conditions.add("r.seq > ?");
            parameters.add(q.after());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setObject(i + 1, parameters.get(i));
        }
    }

    private Map<String, List<DecisionRecord.ClauseStatus>> clauses(Connection c, List<String> ids)
            throws SQLException {
        Map<String, List<DecisionRecord.ClauseStatus>> byRecord = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byRecord;
        }
        String marks = String.join(", ", ids.stream().map(id -> "?").toList());
        try (PreparedStatement s = prepare(c, "SELECT record_id, clause, status FROM decision_record_clause "
                + "WHERE record_id IN (" + marks + ") ORDER BY record_id, clause, status")) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byRecord.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                            .add(new DecisionRecord.ClauseStatus(r.getString(2), r.getString(3)));
                }
            }
        }
        return byRecord;
    }

    private static RecordSummary summary(ResultSet r, List<DecisionRecord.ClauseStatus> clauses) throws SQLException {
        BigDecimal total = r.getBigDecimal("total");
        return new RecordSummary(r.getString("id"), r.getString("idempotency_key"), instant(r, "received_at"),
                r.getString("application_id"), r.getString("enterprise_id"), r.getString("input_sha256").trim(),
                r.getString("rules_version"), r.getString("engine_version"), total == null ? null : total.setScale(2),
                clauses);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.setQueryTimeout(queryTimeoutSeconds);
        return s;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        return transaction(work, "read");
    }

    private <T> T write(Work<T> work) {
        return transaction(work, "write");
    }

    private <T> T transaction(Work<T> work, String what) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e, what);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool drops it
        }
    }

    private RecordStoreException translate(SQLException e, String what) {
        if (isUnavailable(e)) {
            return new StoreUnavailableException("the records database " + config.describe()
                    + " is unavailable: " + rootMessage(e), e);
        }
        return new RecordStoreException("cannot " + what + " records in " + config.describe() + ": " + rootMessage(e),
                e);
    }

    /** The database is down, unreachable, shutting down, or did not answer in time. */
    static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exception; 57: operator intervention (shutdown, cancelled by timeout);
                // 53: insufficient resources; HYT00: H2's timeout
                if (state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                        || state.equals("HYT00") || state.equals("90121")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
