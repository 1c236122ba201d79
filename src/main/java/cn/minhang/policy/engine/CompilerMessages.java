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
 *   <li>A text on several lines (a caret under an expression) is one line, its spaces run together.</li>
 *   <li>A parser error Drools gives at line 0 is placed at the line its text names ({@code Line 29:21 …}), and a
 *   constraint it cannot analyse ({@code Unable to Analyse Expression meetsCriteria == falsee: …}) at the line of
 *   the file where that expression is written.</li>
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
    private static final Pattern EXPRESSION = Pattern.compile("^Unable to Analyse Expression (.+?):\\s*\\[");

    private CompilerMessages() {
    }

    /** Every error, cleaned as above, with the outline of each file's rules to place the errors of Java code. */
    static List<RuleProblem> of(List<Raw> raw, Map<String, List<RuleOutline>> outlines, Map<String, String> texts) {
        Set<String> withOwnErrors = new TreeSet<>();
        for (Raw r : raw) {
            if (!r.text().strip().equals(NULL_PACKAGE)) {
                withOwnErrors.add(r.file());
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        for (Raw r : raw) {
            String text = withoutInsides(r.text().strip().replaceAll("\\s+", " "));
            if (text.equals(NULL_PACKAGE) && withOwnErrors.contains(r.file())) {
                continue;
            }
            int line = r.line() > 0 ? r.line() : lineNamed(text);
            if (line <= 0) {
                line = lineOfExpression(text, texts.getOrDefault(r.file(), ""));
            }
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

    /**
     * The line where the expression an "Unable to Analyse Expression" names is written, its words matched with any
     * spacing; 0 when the text names none or the file does not hold it.
     */
    static int lineOfExpression(String text, String file) {
        Matcher named = EXPRESSION.matcher(text);
        if (!named.find()) {
            return 0;
        }
        String[] words = named.group(1).strip().split("\\s+");
        StringBuilder pattern = new StringBuilder();
        for (String word : words) {
            pattern.append(pattern.length() == 0 ? "" : "\\s+").append(Pattern.quote(word));
        }
        Matcher at = Pattern.compile(pattern.toString()).matcher(file);
        return at.find() ? RuleOutline.lineOf(file, at.start()) : 0;
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
