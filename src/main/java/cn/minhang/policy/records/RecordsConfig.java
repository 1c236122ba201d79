package cn.minhang.policy.records;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where decision records are kept and how long the store waits for its database.
 *
 * <p>The default is an H2 file database under a data directory ({@link #h2(Path)}), so that a service needs
 * nothing else; production uses PostgreSQL by JDBC URL ({@link #jdbc(String, String, String)}). The password is
 * never part of {@link #toString()}.
 */
public final class RecordsConfig {
    /** How long a request waits for a connection before the store is reported unavailable. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    /** How long one statement may run before it is cancelled and the store reported unavailable. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_POOL_SIZE = 8;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Duration connectionTimeout;
    private final Duration queryTimeout;
    private final int poolSize;

    private RecordsConfig(String jdbcUrl, String user, String password, Duration connectionTimeout,
                          Duration queryTimeout, int poolSize) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
        }
        if (queryTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the query timeout must be at least 1 s");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection");
        }
        this.connectionTimeout = connectionTimeout;
        this.queryTimeout = queryTimeout;
        this.poolSize = poolSize;
    }

    /**
     * An H2 database in the file {@code records.mv.db} of {@code dataDirectory} (created if missing). Every
     * commit is written to the file before it returns, and the file is locked by the operating system, so a
     * process that is killed leaves no stale lock.
     */
    public static RecordsConfig h2(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve("records");
        return new RecordsConfig("jdbc:h2:file:" + file + ";FILE_LOCK=FS;WRITE_DELAY=0", "sa", "",
                DEFAULT_CONNECTION_TIMEOUT, DEFAULT_QUERY_TIMEOUT, DEFAULT_POOL_SIZE);
    }

    /** Any database by JDBC URL: {@code jdbc:postgresql://host:5432/policy} or {@code jdbc:h2:...}. */
    public static RecordsConfig jdbc(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the records database must be PostgreSQL (jdbc:postgresql:...) or H2 "
                    + "(jdbc:h2:...), not " + jdbcUrl.replaceAll("[?;].*", ""));
        }
        return new RecordsConfig(jdbcUrl, user, password, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_QUERY_TIMEOUT,
                DEFAULT_POOL_SIZE);
    }

    public RecordsConfig withConnectionTimeout(Duration timeout) {
        return new RecordsConfig(jdbcUrl, user, password, timeout, queryTimeout, poolSize);
    }

    public RecordsConfig withQueryTimeout(Duration timeout) {
        return new RecordsConfig(jdbcUrl, user, password, connectionTimeout, timeout, poolSize);
    }

    public RecordsConfig withPoolSize(int size) {
        return new RecordsConfig(jdbcUrl, user, password, connectionTimeout, queryTimeout, size);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    public int poolSize() {
        return poolSize;
    }

    boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL without its parameters, which may carry credentials: for logs and messages. */
    public String describe() {
        return jdbcUrl.replaceAll("[?;].*", "");
    }

    @Override
    public String toString() {
        return "RecordsConfig[" + describe() + ", user " + (user.isEmpty() ? "(none)" : user) + ", connection timeout "
                + connectionTimeout.toMillis() + " ms, query timeout " + queryTimeout.toSeconds() + " s, pool "
                + poolSize + "]";
    }
}
