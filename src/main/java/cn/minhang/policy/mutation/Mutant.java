package cn.minhang.policy.mutation;

/**
 * One small change to one rule file: the rule set with that change is compiled and every spec is run against it.
 *
 * @param file     the rule file changed ({@code m01-core-components.drl})
 * @param line     the line of the change
 * @param rule     the name of the rule changed
 * @param clause   the rule's {@code @clause}
 * @param operator what kind of change it is
 * @param change   the change as the analyst reads it: {@code amount > $amount → amount >= $amount}; unique within
 *                 its rule (a second identical change in the same rule ends with {@code  (#2)})
 * @param text     the whole text of the changed file
 */
public record Mutant(String file, int line, String rule, String clause, Operator operator, String change, String text) {

    /** The kinds of change. */
    public enum Operator {
        NUMBER_UP("number up", "a rate, amount, date or threshold moved up by one unit of its last digit"),
        NUMBER_DOWN("number down", "a rate, amount, date or threshold moved down by one unit of its last digit"),
        COMPARISON("comparison changed", "> ↔ >=, < ↔ <=, == ↔ !="),
        NEGATE_CONDITION("condition negated", "a constraint wrapped in !( … ); a pattern with not added, removed, "
                + "or exists turned into not"),
        DROP_CONDITION("condition dropped", "a constraint, one side of || or &&, one value of an in ( … ) list, or a "
                + "pattern removed"),
        REMOVE_RULE("rule removed", "the whole rule deleted");

        private final String label;
        private final String description;

        Operator(String label, String description) {
            this.label = label;
            this.description = description;
        }

        public String label() {
            return label;
        }

        public String description() {
            return description;
        }
    }

    /** Identifies the mutant across runs, independent of line numbers: file, rule and change. */
    public String key() {
        return key(file, rule, change);
    }

    public static String key(String file, String rule, String change) {
        return file + " | " + rule + " | " + change;
    }

    /** {@code m01-core-components.drl:13}. */
    public String location() {
        return file + ":" + line;
    }
}
