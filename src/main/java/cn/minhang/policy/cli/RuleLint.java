package cn.minhang.policy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.RuleCompilationException;
import cn.minhang.policy.engine.RuleOutline;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.engine.RuleSource;

/**
 * What {@code policy check} finds in a set of rule files, all of it at once: compiler errors, problems of the
 * clause catalogue ({@code clauses.yaml}: a duplicated or malformed id, a monetary clause without the words its
 * explanations need), rules without a {@code @clause} the catalogue declares, catalogue entries that no rule
 * encodes, and files outside the naming scheme {@code mNN-kebab-case.drl}. The rule headers and their metadata
 * are read from the text, so a rule's missing clause is found even when another file does not compile.
 */
final class RuleLint {
    /** m00 the general conditions, m01 to mNN the measures, the next number the closing paragraph. */
    static final Pattern FILE_NAME = Pattern.compile("m(\\d{2})-[a-z0-9]+(-[a-z0-9]+)*\\.drl");

    /** The outcome: problems (errors) and warnings, each sorted by file and line. */
    record Result(List<RuleProblem> problems, List<RuleProblem> warnings, int rules, CompiledRules compiled) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private RuleLint() {
    }

    static Result check(RuleSource source) {
        Set<RuleProblem> problems = new LinkedHashSet<>();
        List<RuleProblem> warnings = new ArrayList<>();
        List<RuleProblem> catalogueProblems = new ArrayList<>();
        ClauseCatalogue catalogue = ClauseCatalogue.parse(source.catalogue(), catalogueProblems);
        problems.addAll(catalogueProblems);
        int closingFile = catalogue == null || catalogue.measures().isEmpty() ? -1
                : catalogue.measures().get(catalogue.measures().size() - 1) + 1;
        Set<String> covered = new LinkedHashSet<>();
        Map<String, List<RuleOutline>> outlines = new TreeMap<>();
        int rules = 0;
        for (Map.Entry<String, String> file : source.drlFiles().entrySet()) {
            String name = file.getKey();
            Matcher fileName = FILE_NAME.matcher(name);
            Integer number = null;
            if (!fileName.matches()) {
                problems.add(new RuleProblem(name, 0, "the file name is outside the naming scheme mNN-kebab-case.drl "
                        + "(m00 general conditions, mNN measure NN, " + closingName(closingFile) + " the closing paragraph)"));
            } else {
                number = Integer.parseInt(fileName.group(1));
                if (closingFile >= 0 && number > closingFile) {
                    problems.add(new RuleProblem(name, 0, "no part of the policy is numbered " + fileName.group(1)
                            + ": files are m00 (general conditions), one per measure of " + ClauseCatalogue.FILE
                            + " and " + closingName(closingFile) + " (closing)"));
                }
            }
            List<RuleOutline> outline = RuleOutline.of(file.getValue());
            outlines.put(name, outline);
            for (RuleOutline rule : outline) {
                rules++;
                for (RuleOutline.Eval eval : rule.evals()) {
                    warnings.add(new RuleProblem(name, eval.line(), "rule \"" + rule.name() + "\" tests eval( "
                            + eval.expression() + " ), which the engine cannot index and tests again for every "
                            + "combination of the facts before it: a constraint inside a pattern can be indexed"));
                }
                if (rule.clause() == null) {
                    problems.add(new RuleProblem(name, rule.line(), "rule \"" + rule.name() + "\" has no @clause(\"…\")"));
                } else if (catalogue == null) {
                    continue;
                } else if (!catalogue.contains(rule.clause())) {
                    problems.add(new RuleProblem(name, rule.line(), catalogue.unknownClause(rule.name(), rule.clause())));
                } else {
                    covered.add(rule.clause());
                    int belongs = fileNumber(catalogue.clause(rule.clause()), closingFile);
                    if (number != null && closingFile >= 0 && number <= closingFile && belongs != number) {
                        warnings.add(new RuleProblem(name, rule.line(), "rule \"" + rule.name() + "\" encodes clause "
                                + rule.clause() + ", which belongs in " + String.format("m%02d-*.drl", belongs)));
                    }
                }
            }
        }
        if (catalogue != null) {
            for (RuleProblem p : catalogue.unencoded(covered)) {
                problems.add(p);
            }
            problems.addAll(catalogue.check(outlines));
        }
        CompiledRules compiled = null;
        try {
            compiled = CompiledRules.compile(source);
        } catch (RuleCompilationException e) {
            for (RuleProblem p : e.problems()) {
                // What the compiler reports again of the above is the same problem: the set keeps it once.
                problems.add(new RuleProblem(p.file(), p.line(), p.message().replaceAll("\\s*\\R\\s*", " ")));
            }
        }
        Comparator<RuleProblem> order = Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line)
                .thenComparing(RuleProblem::message);
        List<RuleProblem> sorted = new ArrayList<>(problems);
        sorted.sort(order);
        warnings.sort(order);
        return new Result(List.copyOf(sorted), List.copyOf(warnings), rules, sorted.isEmpty() ? compiled : null);
    }

    private static String closingName(int closingFile) {
        return closingFile < 0 ? "the file after the last measure" : String.format("m%02d", closingFile);
    }

    /** The file number a clause's rules live in: 0 the preamble, its number for a measure, then the closing one. */
    static int fileNumber(Clause clause, int closingFile) {
        return switch (clause.part()) {
            case PREAMBLE -> 0;
            case MEASURE -> clause.measure();
            case CLOSING -> closingFile;
        };
    }
}
