package cn.minhang.policy.props;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The caps and rates of every clause, copied by hand from the policy brief ({@code /work/shared/policy-brief.md},
 * the "clause ids" table) and kept apart from the rules on purpose: the invariants compare what the rules claim
 * against this table, so a rule with a wrong cap or rate is caught.
 *
 * <p>Readings of the table that the invariants rely on: a cap "per enterprise" (3.1, 3.2) caps each line and the
 * sum of the enterprise's lines; 1.2's "5,000,000 per applicant per year" caps each expense and the sum of a
 * year's expenses; 10.2's "30,000,000 per referrer" caps each referral and the sum of the referrer's referrals;
 * 8's "30,000,000 per enterprise" caps its one line. 6.2 and 13.2 state no cap; 13.2 states no rate and the
 * default reading is 100%. A discretionary clause grants at most its cap.
 */
final class PolicyTable {
    enum Kind { RATE, MATCH, DISCRETIONARY, SUPPORT }

    /**
     * @param perItem   the cap of one line, null where the text states none
     * @param aggregate the cap of the sum of a clause's lines (per enterprise; per year for 1.2), null where none
     * @param rate      the rate applied to the base (1 for a discretionary amount)
     */
    record Clause(String id, Kind kind, BigDecimal rate, BigDecimal perItem, BigDecimal aggregate) {
        boolean monetary() {
            return kind != Kind.SUPPORT;
        }
    }

    static final Map<String, Clause> CLAUSES = Map.ofEntries(
            rate("1.1", "0.30", "3000000", null),
            rate("1.2", "0.30", "5000000", "5000000"),
            discretionary("2.1", "10000000", null),
            match("2.2", "2000000"),
            rate("3.1", "0.20", "2000000", "2000000"),
            rate("3.2", "0.10", "1000000", "1000000"),
            rate("4.1", "0.10", "20000000", null),
            discretionary("4.2", "1500000", null),
            support("5"),
            support("6.1"),
            match("6.2", null),
            support("7"),
            discretionary("8", "30000000", "30000000"),
            support("9"),
            support("10.1"),
            discretionary("10.2", "30000000", "30000000"),
            support("11"),
            discretionary("12", "10000000", null),
            support("13.1"),
            rate("13.2", "1", null, null),
            support("14"));

    private PolicyTable() {
    }

    static Clause of(String id) {
        Clause c = CLAUSES.get(id);
        if (c == null) {
            throw new AssertionError("clause " + id + " is not in the policy brief's table");
        }
        return c;
    }

    private static Map.Entry<String, Clause> rate(String id, String rate, String perItem, String aggregate) {
        return Map.entry(id, new Clause(id, Kind.RATE, new BigDecimal(rate), amount(perItem), amount(aggregate)));
    }

    private static Map.Entry<String, Clause> match(String id, String perItem) {
        return Map.entry(id, new Clause(id, Kind.MATCH, new BigDecimal("0.50"), amount(perItem), null));
    }

    private static Map.Entry<String, Clause> discretionary(String id, String perItem, String aggregate) {
        return Map.entry(id, new Clause(id, Kind.DISCRETIONARY, BigDecimal.ONE, amount(perItem), amount(aggregate)));
    }

    private static Map.Entry<String, Clause> support(String id) {
        return Map.entry(id, new Clause(id, Kind.SUPPORT, null, null, null));
    }

    private static BigDecimal amount(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
