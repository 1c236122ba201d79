package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
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
 *   <li>Each of the Java compiler's messages on a rule's Java code, which Drools gives together in one error, is
 *   an error of its own.</li>
 *   <li>An error in a rule's Java code, which Drools places at the rule's first line, is placed at the part of
 *   that code it is about and names it: the consequence (its {@code then} to its {@code end}), or one of the rule's
 *   {@code eval( … )}s, found by the names the message gives (a method, field, variable or type that only that
 *   part writes). A message that names none, or names what several parts write, stays at the rule's line and
 *   names both places.</li>
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
        Set<RuleProblem> problems = new LinkedHashSet<>();
        for (Message m : javaErrorsApart(raw)) {
            Raw r = m.raw();
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
                    String consequence = "its consequence, lines " + rule.thenLine() + "–"
                            + (rule.endLine() > 0 ? rule.endLine() : rule.thenLine());
                    List<Integer> parts = javaCodeNamed(text, rule, texts.getOrDefault(r.file(), ""));
                    // The same words k times over names written in k parts: one message for each part.
                    int at = parts.size() == m.copies() ? parts.get(m.copy()) : -1;
                    String part;
                    if (at == CONSEQUENCE || rule.evals().isEmpty()) {
                        part = consequence;
                        line = rule.thenLine();
                    } else if (at >= 0) {
                        line = rule.evals().get(at).line();
                        part = "its eval( … ) at line " + line;
                    } else {
                        part = "an eval( … ) or " + consequence;
                    }
                    text = text + " (in the Java code of rule \"" + rule.name() + "\": " + part + ")";
                }
            }
            problems.add(new RuleProblem(r.file(), Math.max(line, 0), text));
        }
        return List.copyOf(problems);
    }

    /**
     * One error to report: Drools' error, or one of the Java compiler's messages in it; {@code copy} of {@code copies}
     * where the error gives the same words several times.
     */
    private record Message(Raw raw, int copy, int copies) {
    }

    /**
     * The errors with each of the Java compiler's messages on a line of its own: Drools gives every message of one
     * rule's Java code in one error, a line each, and each may be about another part of the rule.
     */
    private static List<Message> javaErrorsApart(List<Raw> raw) {
        List<Message> apart = new ArrayList<>();
        for (Raw r : raw) {
            String text = r.text().strip();
            if (!text.startsWith(JAVA_ERROR)) {
                apart.add(new Message(r, 0, 1));
                continue;
            }
            List<String> messages = Arrays.stream(text.substring(JAVA_ERROR.length()).split("\\R"))
                    .map(String::strip).filter(message -> !message.isEmpty()).toList();
            for (int i = 0; i < messages.size(); i++) {
                String message = messages.get(i);
                int copy = Collections.frequency(messages.subList(0, i), message);
                apart.add(new Message(new Raw(r.file(), r.line(), JAVA_ERROR + " " + message), copy,
                        Collections.frequency(messages, message)));
            }
        }
        return apart;
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

    /** In {@link #javaCodeNamed}: the rule's consequence, after its evals. */
    private static final int CONSEQUENCE = Integer.MAX_VALUE;
    /** A name the Java compiler's message is about: a method, a field, a variable or a type. */
    private static final Pattern NAMED = Pattern.compile(
            "\\bThe (?:method|field|constructor) (?:[\\w$]+\\.)*([\\w$]+)\\s*\\(?|(?<![\\w$.])([\\w$]+) cannot be resolved");

    /**
     * The parts of the rule's Java code that write the names the compiler's message gives (a method, field,
     * variable or type): indexes of its {@code eval( … )}s, then {@link #CONSEQUENCE}; empty when the message names
     * nothing.
     */
    static List<Integer> javaCodeNamed(String text, RuleOutline rule, String file) {
        Set<Integer> parts = new TreeSet<>();
        Matcher named = NAMED.matcher(text);
        while (named.find()) {
            String name = named.group(1) != null ? named.group(1) : named.group(2);
            Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
            for (int i = 0; i < rule.evals().size(); i++) {
                if (word.matcher(RuleOutline.codeOnly(rule.evals().get(i).expression())).find()) {
                    parts.add(i);
                }
            }
            if (word.matcher(RuleOutline.codeOnly(linesOf(file, rule.thenLine(), rule.endLine()))).find()) {
                parts.add(CONSEQUENCE);
            }
        }
        return List.copyOf(parts);
    }

    /** Lines {@code from} to {@code to} (from 1, both included; to the end when {@code to} is 0) of {@code text}. */
    private static String linesOf(String text, int from, int to) {
        List<String> lines = text.lines().toList();
        int last = to > 0 ? Math.min(to, lines.size()) : lines.size();
        return from < 1 || from > last ? "" : String.join("\n", lines.subList(from - 1, last));
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
