package cn.minhang.policy.records;

import java.time.Instant;

/**
 * A filter over records, for lists, exports and purges. Every criterion is optional; together they must all
 * hold. {@code clause} and {@code status} given together must hold for the same line of the decision ("records
 * in which 1.1 was CAPPED"). The time range is half-open: {@code from <= receivedAt < to}.
 *
 * <p>Lists are in the order records were stored and are paged by a cursor: {@code after} is the
 * {@link RecordPage#next()} of the page before, so a page never repeats or skips a record when others are added
 * meanwhile.
 */
public record RecordQuery(String enterpriseId, String applicationId, String clause, String status,
                          String rulesVersion, Instant from, Instant to, Long after, int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
    }

    /** Every record, the first page. */
    public static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public RecordQuery enterprise(String id) {
        return new RecordQuery(id, applicationId, clause, status, rulesVersion, from, to, after, limit);
    }

    public RecordQuery application(String id) {
        return new RecordQuery(enterpriseId, id, clause, status, rulesVersion, from, to, after, limit);
    }

    public RecordQuery clause(String id) {
        return new RecordQuery(enterpriseId, applicationId, id, status, rulesVersion, from, to, after, limit);
    }

    public RecordQuery status(String name) {
        return new RecordQuery(enterpriseId, applicationId, clause, name, rulesVersion, from, to, after, limit);
    }

    public RecordQuery rules(String version) {
        return new RecordQuery(enterpriseId, applicationId, clause, status, version, from, to, after, limit);
    }

    public RecordQuery between(Instant fromInclusive, Instant toExclusive) {
        return new RecordQuery(enterpriseId, applicationId, clause, status, rulesVersion, fromInclusive, toExclusive,
                after, limit);
    }

    public RecordQuery after(Long cursor) {
        return new RecordQuery(enterpriseId, applicationId, clause, status, rulesVersion, from, to, cursor, limit);
    }

    public RecordQuery limit(int size) {
        return new RecordQuery(enterpriseId, applicationId, clause, status, rulesVersion, from, to, after, size);
    }
}
