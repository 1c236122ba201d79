package cn.minhang.policy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.RuleCompilationException;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.engine.RuleSource;

/**
 * What {@code policy check} finds in a set of rule files, all of it at once: compiler errors, rules without a
 * known {@code @clause}, clauses of the policy that no rule encodes, and files outside the naming scheme
 * {@code mNN-kebab-case.drl}. The rule headers and their metadata are read from the text, so a rule's missing
 * clause is found even when another file does not compile.
 */
final class RuleLint {
    /** m00 the general conditions, m01 to m14 the measures, m15 the closing paragraph. */
    static final Pattern FILE_NAME = Pattern.compile("m(\\d{2})-[a-z0-9]+(-[a-z0-9]+)*\\.drl");
    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CLAUSE = Pattern.compile("@clause\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern WHEN = Pattern.compile("^\\s*(when|then)\\b");
    private static final int LAST_FILE_NUMBER = 15;

    /** The outcome: problems (errors) and warnings, each sorted by file and line. */
    record Result(List<RuleProblem> problems, List<RuleProblem> warnings, int rules, CompiledRules compiled) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private RuleLint() {
    }

    static Result check(RuleSource source) {
        List<RuleProblem> problems = new ArrayList<>();
        List<RuleProblem> warnings = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        int rules = 0;
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            String name = file.getKey();
            Matcher fileName = FILE_NAME.matcher(name);
            Integer number = null;
            if (!fileName.matches()) {
                problems.add(new RuleProblem(name, 0, "the file name is outside the naming scheme mNN-kebab-case.drl "
                        + "(m00 general conditions, m01 to m14 the measures, m15 the closing paragraph)"));
            } else {
                number = Integer.parseInt(fileName.group(1));
                if (number > LAST_FILE_NUMBER) {
                    problems.add(new RuleProblem(name, 0, "no part of the policy is numbered " + fileName.group(1)
                            + ": files are m00 (general conditions), m01 to m14 (the measures) and m15 (closing)"));
                }
            }
            for (Rule rule : rules(file.getValue())) {
                rules++;
                if (rule.clause() == null) {
                    problems.add(new RuleProblem(name, rule.line(), "rule \"" + rule.name() + "\" has no @clause(\"…\")"));
                } else if (!Clause.exists(rule.clause())) {
                    problems.add(new RuleProblem(name, rule.line(), "rule \"" + rule.name() + "\" names unknown clause \""
                            + rule.clause() + "\"; the clause ids are " + clauseIds()));
                } else {
                    covered.add(rule.clause());
                    if (number != null && number <= LAST_FILE_NUMBER && fileNumber(Clause.of(rule.clause())) != number) {
                        warnings.add(new RuleProblem(name, rule.line(), "rule \"" + rule.name() + "\" encodes clause "
                                + rule.clause() + ", which belongs in " + String.format("m%02d-*.drl",
                                fileNumber(Clause.of(rule.clause())))));
                    }
                }
            }
        }
        for (Clause clause : Clause.values()) {
            if (!covered.contains(clause.id())) {
                problems.add(new RuleProblem(fileFor(source, clause), 0, "no rule encodes clause " + clause.id() + " ("
                        + clause.labelZh() + " " + clause.titleZh() + "): no rule carries @clause(\"" + clause.id() + "\")"));
            }
        }
        CompiledRules compiled = null;
        try {
            compiled = CompiledRules.compile(source);
        } catch (RuleCompilationException e) {
            for (RuleProblem p : e.problems()) {
                // The compiler's own clause checks repeat what was found above from the text.
                if (!p.message().startsWith("rule \"") || !(p.message().contains("has no @clause")
                        || p.message().contains("names unknown clause"))) {
                    problems.add(new RuleProblem(p.file(), p.line(), p.message().replaceAll("\\s*\\R\\s*", " ")));
                }
            }
        }
        Comparator<RuleProblem> order = Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparing(RuleProblem::message);
        problems.sort(order);
        warnings.sort(order);
        return new Result(List.copyOf(problems), List.copyOf(warnings), rules, problems.isEmpty() ? compiled : null);
    }

    /** The file number a clause's rules live in: 0 general, 1–14 the measure, 15 closing. */
    static int fileNumber(Clause clause) {
        return clause.measure();
    }

    private static String fileFor(RuleSource source, Clause clause) {
        String prefix = String.format("m%02d-", fileNumber(clause));
        return source.files().keySet().stream().filter(f -> f.startsWith(prefix)).findFirst()
                .orElse(prefix + "*.drl");
    }

    private static String clauseIds() {
        return String.join(", ", java.util.Arrays.stream(Clause.values()).map(Clause::id).toList());
    }

    record Rule(String name, int line, String clause) {
    }

    /** The rules of a file, read from its text with comments removed: name, line of the header, its @clause. */
    static List<Rule> rules(String text) {
        String[] lines = withoutComments(text).split("\n", -1);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher header = RULE_HEADER.matcher(lines[i]);
            if (!header.find()) {
                continue;
            }
            String clause = null;
            for (int j = i; j < lines.length; j++) {
                String line = j == i ? lines[j].substring(header.end()) : lines[j];
                if (j > i && (WHEN.matcher(line).find() || RULE_HEADER.matcher(line).find())) {
                    break;
                }
                Matcher m = CLAUSE.matcher(line);
                if (m.find()) {
                    clause = m.group(1);
                    break;
                }
            }
            rules.add(new Rule(header.group(1), i + 1, clause));
        }
        return rules;
    }

    /** The text with // and /* *&#47; comments blanked out, line breaks kept, strings left alone. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        boolean inBlock = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (inBlock) {
                if (c == '*' && next == '/') {
                    inBlock = false;
                    i++;
                } else if (c == '\n') {
                    out.append('\n');
                }
                continue;
            }
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(next);
                    i++;
                } else if (c == '"' || c == '\n') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '/' && next == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                if (i < text.length()) {
                    out.append('\n');
                }
            } else if (c == '/' && next == '*') {
                inBlock = true;
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
