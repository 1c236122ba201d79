package cn.minhang.policy.records;

import java.util.List;

/**
 * One page of a list.
 *
 * @param next the cursor of the next page ({@link RecordQuery#after(Long)}), or null on the last page
 */
public record RecordPage(List<RecordSummary> records, Long next) {
    public RecordPage {
        records = List.copyOf(records);
    }
}
