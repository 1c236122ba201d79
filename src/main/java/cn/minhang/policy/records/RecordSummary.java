package cn.minhang.policy.records;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A record as a list shows it: everything but the input and decision documents. */
public record RecordSummary(String id, String idempotencyKey, Instant receivedAt, String applicationId,
                            String enterpriseId, String inputSha256, String rulesVersion, String engineVersion,
                            BigDecimal total, List<DecisionRecord.ClauseStatus> clauses) {
    public RecordSummary {
        clauses = clauses.stream().sorted(DecisionRecord.ClauseStatus.ORDER).toList();
    }
}
