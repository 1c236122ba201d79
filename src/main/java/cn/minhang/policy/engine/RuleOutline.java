package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule as its text shows it, read without compiling: its name and line, the clause its {@code @clause("…")}
 * names, and what its consequence inserts. Read from the text so that every rule of every file is seen even when
 * another file does not compile, and so that the catalogue can be checked against what the rules will explain.
 *
 * @param name    the rule's name
 * @param line    the line of {@code rule "…"}
 * @param clause  the id its {@code @clause} names; null if it has none
 * @param inserts the claims, caps and general conditions its consequence makes, in the order written
 * @param thenLine the line of its {@code then}; 0 if it has none
 * @param endLine  the line of its {@code end}; 0 if it has none
 * @param evals    the {@code eval( … )}s of its conditions, the other place of Java code in a rule, in the order
 *                 written
 */
public record RuleOutline(String name, int line, String clause, List<Insert> inserts, int thenLine, int endLine,
                          List<Eval> evals) {

    /**
     * An {@code eval( … )} of a rule's conditions.
     *
     * @param line       the line of {@code eval}
     * @param expression its Java expression as written, stripped
     */
    public record Eval(int line, String expression) {
    }

    /**
     * A call in a consequence that makes a claim, a cap or a general condition.
     *
     * @param call          "Claim.rate", "Claim.match", "Claim.requested", "Claim.ceiling", "Claim.support",
     *                      "Claim.notEligible", "AggregateCap.of" or "GeneralConditionUnmet.except"
     * @param capGiven      false only where the cap argument of a rate, match or requested claim is the literal
     *                      {@code null} (the text states no cap)
     * @param line          the line of the call
     * @param exemptClause  for {@code GeneralConditionUnmet.except}, the clause id it names when written as a string
     *                      literal (the clause the condition does not apply to); else null
     * @param arguments     the call's arguments as written, each stripped
     */
    public record Insert(String call, boolean capGiven, int line, String exemptClause, List<String> arguments) {
        public Insert {
            arguments = List.copyOf(arguments);
        }

        /**
         * What is wrong with the rate and the cap this call writes as text ({@code "30%"}, {@code "3,000,000"}):
         * the engine reads them only when the rule fires, so a rate it cannot read would otherwise fail an
         * evaluation instead of its file. A rate or cap computed in code is not judged.
         */
        public List<String> literalProblems() {
            List<String> problems = new ArrayList<>();
            switch (call) {
                case "Claim.rate", "Claim.match" -> {
                    literal(3).map(Params::rateProblem).ifPresent(problems::add);
                    literal(4).map(cap -> Params.amountProblem("cap", cap)).ifPresent(problems::add);
                }
                case "Claim.requested" -> literal(3).map(cap -> Params.amountProblem("cap", cap)).ifPresent(problems::add);
                case "Claim.ceiling" -> literal(2).map(cap -> Params.amountProblem("cap", cap)).ifPresent(problems::add);
                case "AggregateCap.of" -> literal(1).map(cap -> Params.amountProblem("cap", cap)).ifPresent(problems::add);
                default -> { }
            }
            return problems.stream().map(problem -> call + ": " + problem).toList();
        }

        private java.util.Optional<String> literal(int index) {
            if (index >= arguments.size()) {
                return java.util.Optional.empty();
            }
            Matcher literal = STRING_LITERAL.matcher(arguments.get(index));
            return literal.matches() ? java.util.Optional.of(literal.group(1)) : java.util.Optional.empty();
        }
    }

    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CLAUSE = Pattern.compile("@clause\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern WHEN = Pattern.compile("\\bwhen\\b");
    private static final Pattern THEN = Pattern.compile("\\bthen\\b");
    private static final Pattern END = Pattern.compile("(?m)^[ \\t]*end\\b");
    private static final Pattern EVAL = Pattern.compile("\\beval\\s*\\(");
    private static final Pattern CALL = Pattern.compile(
            "\\b(Claim\\s*\\.\\s*(?:rate|match|requested|ceiling|support|notEligible)|AggregateCap\\s*\\.\\s*of"
                    + "|GeneralConditionUnmet\\s*\\.\\s*except)\\s*\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    public RuleOutline {
        inserts = List.copyOf(inserts);
        evals = List.copyOf(evals);
    }

    /** Every rule of a DRL file, in the order written. */
    public static List<RuleOutline> of(String text) {
        String code = codeOnly(text);
        List<RuleOutline> rules = new ArrayList<>();
        Matcher header = RULE_HEADER.matcher(code);
        List<int[]> starts = new ArrayList<>();
        while (header.find()) {
            starts.add(new int[]{header.start(), header.end()});
        }
        for (int i = 0; i < starts.size(); i++) {
            int start = starts.get(i)[0];
            int afterName = starts.get(i)[1];
            int next = i + 1 < starts.size() ? starts.get(i + 1)[0] : code.length();
            Matcher nameMatcher = RULE_HEADER.matcher(text);
            String name = nameMatcher.find(start) ? nameMatcher.group(1) : "";
            String region = code.substring(afterName, next);
            Matcher when = WHEN.matcher(region);
            Matcher then = THEN.matcher(region);
            boolean hasThen = then.find(0);
            int conditionsEnd = hasThen ? then.start() : region.length();
            int metadataEnd = when.find() ? when.start() : conditionsEnd;
            String clause = null;
            Matcher meta = CLAUSE.matcher(code.substring(afterName, afterName + metadataEnd));
            if (meta.find()) {
                clause = text.substring(afterName + meta.start(1), afterName + meta.end(1));
            }
            List<Insert> inserts = new ArrayList<>();
            int thenLine = 0;
            int endLine = 0;
            List<Eval> evals = new ArrayList<>();
            Matcher eval = EVAL.matcher(region.substring(0, conditionsEnd));
            while (eval.find()) {
                List<String> expression = arguments(text, code, afterName + eval.end() - 1);
                evals.add(new Eval(lineOf(code, afterName + eval.start()),
                        expression.isEmpty() ? "" : String.join(",", expression)));
            }
            if (hasThen) {
                int from = afterName + then.end();
                thenLine = lineOf(code, afterName + then.start());
                Matcher end = END.matcher(code);
                boolean ended = end.find(from) && end.start() < next;
                int to = ended ? end.start() : next;
                endLine = ended ? lineOf(code, to) : 0;
                Matcher call = CALL.matcher(code.substring(from, to));
                while (call.find()) {
                    int open = from + call.end() - 1;
                    String function = call.group(1).replaceAll("\\s", "");
                    List<String> arguments = arguments(text, code, open);
                    boolean capGiven = true;
                    if (function.equals("Claim.rate") || function.equals("Claim.match") || function.equals("Claim.requested")) {
                        capGiven = arguments.isEmpty() || !arguments.get(arguments.size() - 1).equals("null");
                    }
                    String exempt = null;
                    if (function.equals("GeneralConditionUnmet.except") && arguments.size() > 1) {
                        Matcher literal = STRING_LITERAL.matcher(arguments.get(1));
                        exempt = literal.matches() ? literal.group(1) : null;
                    }
                    inserts.add(new Insert(function, capGiven, lineOf(code, from + call.start()), exempt, arguments));
                }
            }
            rules.add(new RuleOutline(name, lineOf(code, start), clause, inserts, thenLine, endLine, evals));
        }
        return rules;
    }

    /** The arguments of the call whose "(" is at {@code open}, each stripped, split at top-level commas. */
    private static List<String> arguments(String text, String code, int open) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = open + 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    out.add(text.substring(from, i).strip());
                    return out;
                }
            } else if (c == ',' && depth == 1) {
                out.add(text.substring(from, i).strip());
                from = i + 1;
            }
        }
        return out;
    }

    /** The line (from 1) of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * The text with comments and the contents of string literals blanked out (quotes, line breaks and every offset
     * kept), so that a keyword or a call is found only in code.
     */
    static String codeOnly(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        boolean inBlock = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (inBlock) {
                if (c == '*' && next == '/') {
                    inBlock = false;
                    out.append("  ");
                    i++;
                } else {
                    out.append(c == '\n' ? '\n' : ' ');
                }
            } else if (inString) {
                if (c == '\\' && i + 1 < text.length() && next != '\n') {
                    out.append("  ");
                    i++;
                } else if (c == '"' || c == '\n') {
                    inString = false;
                    out.append(c);
                } else {
                    out.append(' ');
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '/' && next == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
                if (i < text.length()) {
                    out.append('\n');
                }
            } else if (c == '/' && next == '*') {
                inBlock = true;
                out.append("  ");
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
