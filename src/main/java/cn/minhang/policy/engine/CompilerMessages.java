package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' compiler errors as an analyst reads them: each at the line it is about, in the compiler's words, and
 * nothing of the compiler's insides.
 *
 * <ul>
 *   <li>A parser error Drools gives at line 0 is placed at the line its text names ({@code Line 29:21 …}).</li>
 *   <li>The text stops before a Java exception or stack trace the parser puts into it (it does for some inputs
 *   it fails on, such as an unfinished {@code eval}).</li>
 *   <li>"Parser returned a null Package", which only says that the file had a parser error, is left out where
 *   the file's own errors are given.</li>
 *   <li>An error in a rule's Java code, which Drools places at the rule's first line, names the consequence's
 *   lines (its {@code then} to its {@code end}) and is placed at its {@code then} when the rule has no other Java
 *   code ({@code eval}).</li>
 * </ul>
 */
final class CompilerMessages {
    /** One error as Drools gives it: the file's name in the rules directory, the line (0 if none) and the text. */
    record Raw(String file, int line, String text) {
    }

    private static final String NULL_PACKAGE = "Parser returned a null Package";
    private static final Pattern LINE = Pattern.compile("\\bLine (\\d+):\\d+\\b");
    private static final Pattern INSIDES = Pattern.compile("[.:]?\\s*(?:Exception:|Stack trace:|\\bat org\\.drools\\.)");
    private static final String JAVA_ERROR = "Rule Compilation error";

    private CompilerMessages() {
    }

    /** Every error, cleaned as above, with the outline of each file's rules to place the errors of Java code. */
    static List<RuleProblem> of(List<Raw> raw, Map<String, List<RuleOutline>> outlines) {
        Set<String> withOwnErrors = new TreeSet<>();
        for (Raw r : raw) {
            if (!r.text().strip().equals(NULL_PACKAGE)) {
                withOwnErrors.add(r.file());
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Raw r : raw) {
            String text = withoutInsides(r.text().strip());
            if (text.equals(NULL_PACKAGE) && withOwnErrors.contains(r.file())) {
                continue;
            }
            int line = r.line() > 0 ? r.line() : lineNamed(text);
            if (text.startsWith(JAVA_ERROR)) {
                RuleOutline rule = ruleAt(outlines.getOrDefault(r.file(), List.of()), line);
                if (rule != null && rule.thenLine() > 0) {
                    text = text + " (in the Java code of rule \"" + rule.name() + "\""
                            + (rule.evals() ? ": an eval( … ) or" : ":") + " its consequence, lines " + rule.thenLine()
                            + "–" + (rule.endLine() > 0 ? rule.endLine() : rule.thenLine()) + ")";
                    line = rule.evals() ? line : rule.thenLine();
                }
            }
            problems.add(new RuleProblem(r.file(), Math.max(line, 0), text));
        }
        return problems;
    }

    /** The text up to a Java exception or stack trace in it. */
    static String withoutInsides(String text) {
        Matcher insides = INSIDES.matcher(text);
        return insides.find() ? text.substring(0, insides.start()).strip() : text;
    }

    private static int lineNamed(String text) {
        Matcher line = LINE.matcher(text);
        return line.find() ? Integer.parseInt(line.group(1)) : 0;
    }

    private static RuleOutline ruleAt(List<RuleOutline> rules, int line) {
        for (RuleOutline rule : rules) {
            if (rule.line() == line) {
                return rule;
            }
        }
        return null;
    }
}
