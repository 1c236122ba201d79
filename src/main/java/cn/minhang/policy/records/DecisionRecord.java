package cn.minhang.policy.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded decision: the exact input, the decision document exactly as answered, and the rules and engine
 * that made it.
 *
 * @param id             the record's id (a UUID)
 * @param idempotencyKey the client's key for retries, or null
 * @param receivedAt     when the application was received and evaluated; the decision's {@code audit.evaluatedAt}
 * @param inputSha256    SHA-256 of {@code inputJson}'s UTF-8 bytes: the decision's {@code audit.inputSha256}
 * @param inputJson      the canonical JSON of the application as bound (docs/json-contract.md)
 * @param decisionJson   the decision document on one line, as a line of {@code ./policy batch}
 * @param clauses        the distinct (clause, status) pairs of the decision's lines, sorted by clause, then status
 */
public record DecisionRecord(String id, String idempotencyKey, Instant receivedAt, String applicationId,
                             String enterpriseId, String inputSha256, String inputJson, String decisionJson,
                             String rulesVersion, String engineVersion, BigDecimal total, List<ClauseStatus> clauses) {

    public DecisionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(inputJson, "inputJson");
        Objects.requireNonNull(decisionJson, "decisionJson");
        clauses = clauses.stream().sorted(ClauseStatus.ORDER).toList();
    }

    /** The record without its input and decision documents, as lists show it. */
    public RecordSummary summary() {
        return new RecordSummary(id, idempotencyKey, receivedAt, applicationId, enterpriseId, inputSha256,
                rulesVersion, engineVersion, total, clauses);
    }

    /** A (clause, status) pair of a decision's lines. */
    public record ClauseStatus(String clause, String status) {
        /** By clause id, then status, as text: the order records list them in. */
        public static final java.util.Comparator<ClauseStatus> ORDER = java.util.Comparator
                .comparing(ClauseStatus::clause).thenComparing(ClauseStatus::status);
    }
}
