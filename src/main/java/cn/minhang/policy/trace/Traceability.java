package cn.minhang.policy.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.mutation.DrlFile;
import cn.minhang.policy.mutation.MutationTester;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecResult;
import cn.minhang.policy.spec.SpecRunner;
import cn.minhang.policy.trace.PolicyText.Kind;
import cn.minhang.policy.trace.PolicyText.Sentence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Traces every sentence of the policy text to the clause ids, rules, spec cases, default readings and mutation
 * scores that stand for it.
 *
 * <p>A rule encodes a sentence when the quotation (“…”) in the comment directly above it is found in that
 * sentence: a quotation may leave words out with …… (each piece must be found, in the same sentence), may span
 * two sentences (each is traced), and its inner quotation marks may differ from the text's. A rule with no
 * quotation of its own carries on the one of the nearest rule above it in the same file with the same clause
 * (rules written in sequence under one sentence). A rule is traced only
 * to sentences of its own clause's paragraph (a measure rule to its measure, a closing rule to the closing
 * paragraph), so that a term quoted in passing (“区内企业”) does not claim a sentence of another measure. A spec
 * case proves a sentence when one of the sentence's rules fires in it.
 */
public final class Traceability {

    /** A rule as the report names it. */
    public record RuleRef(String file, int line, String name, String clause, List<String> quotes,
                          boolean quotesInherited, String readingZh, String readingEn) {
        public String location() {
            return file + ":" + line;
        }
    }

    /** A spec case as the report names it. */
    public record CaseRef(String file, String name) {
    }

    /** Mutation counts of a set of rules, from the score snapshot. */
    public record Counts(int mutants, int killed, int survived, int equivalent, int notCompiled) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(mutants + o.mutants, killed + o.killed, survived + o.survived, equivalent + o.equivalent,
                    notCompiled + o.notCompiled);
        }

        /** killed ÷ (killed + survived), in percent with one decimal; "—" when there is nothing to score. */
        public String percentText() {
            int d = killed + survived;
            if (d == 0) {
                return "—";
            }
            return BigDecimal.valueOf(killed * 100L).divide(BigDecimal.valueOf(d), 1, RoundingMode.HALF_UP)
                    .toPlainString() + "%";
        }
    }

    /** A surviving mutant, from the score snapshot. */
    public record Survivor(String file, int line, String rule, String change) {
    }

    /** One sentence and everything that stands for it. */
    public record SentenceTrace(Sentence sentence, List<String> clauses, List<RuleRef> rules, List<String> context,
                                List<CaseRef> cases, Counts score, List<Survivor> survivors) {

        /** The default readings its rules apply, Chinese and English, without repeats. */
        public List<String[]> readings() {
            Map<String, String[]> out = new LinkedHashMap<>();
            for (RuleRef r : rules) {
                if (r.readingZh() != null || r.readingEn() != null) {
                    out.putIfAbsent(r.readingZh() + "|" + r.readingEn(), new String[] {r.readingZh(), r.readingEn()});
                }
            }
            return List.copyOf(out.values());
        }
    }

    /** One clause of the catalogue. */
    public record ClauseTrace(Clause clause, List<RuleRef> rules, List<CaseRef> cases, List<String> sentences,
                              Counts score) {
    }

    /** A rule that encodes no single sentence, and why. */
    public record Untraced(RuleRef rule, String why) {
    }

    /**
     * The snapshot's provenance.
     *
     * @param present false when there is no snapshot: no scores are shown
     * @param current true when it was measured on exactly these rules and specs
     */
    public record ScoreSource(boolean present, boolean current, String rulesVersion, String specsVersion,
                              int survivors, int stale) {
    }

    private final String rulesVersion;
    private final String specsVersion;
    private final int specCases;
    private final ScoreSource scoreSource;
    private final List<SentenceTrace> sentences;
    private final List<ClauseTrace> clauses;
    private final List<Untraced> untraced;

    private Traceability(String rulesVersion, String specsVersion, int specCases, ScoreSource scoreSource,
                         List<SentenceTrace> sentences, List<ClauseTrace> clauses, List<Untraced> untraced) {
        this.rulesVersion = rulesVersion;
        this.specsVersion = specsVersion;
        this.specCases = specCases;
        this.scoreSource = scoreSource;
        this.sentences = sentences;
        this.clauses = clauses;
        this.untraced = untraced;
    }

    public String rulesVersion() {
        return rulesVersion;
    }

    public String specsVersion() {
        return specsVersion;
    }

    public int specCases() {
        return specCases;
    }

    public ScoreSource scoreSource() {
        return scoreSource;
    }

    public List<SentenceTrace> sentences() {
        return sentences;
    }

    public List<ClauseTrace> clauses() {
        return clauses;
    }

    public List<Untraced> untraced() {
        return untraced;
    }

    /**
     * Builds the trace from the files of a checkout.
     *
     * @param scores the mutation score snapshot; may not exist (then no scores are shown)
     */
    public static Traceability build(Path seed, Path rules, Path specs, Path scores) {
        String text;
        try {
            text = Files.readString(seed, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy text " + seed, e);
        }
        RuleSource source = RuleSource.directory(rules);
        List<SpecCase> cases = SpecRunner.load(specs);
        SpecRunner runner = new SpecRunner(PolicyEngine.of(source));
        Map<SpecCase, List<String>> fired = new LinkedHashMap<>();
        for (SpecCase c : cases) {
            SpecResult r = runner.run(c);
            fired.put(c, List.copyOf(new LinkedHashSet<>(r.firedRules())));
        }
        JsonNode snapshot = null;
        if (scores != null && Files.exists(scores)) {
            try {
                snapshot = new ObjectMapper().readTree(Files.readString(scores, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the mutation scores " + scores, e);
            }
        }
        return build(PolicyText.parse(text), source, fired, MutationTester.specsVersion(specs), snapshot);
    }

    /** Builds the trace from what was read: the text, the rules, each case with the rules it fired, the scores. */
    static Traceability build(PolicyText text, RuleSource source, Map<SpecCase, List<String>> fired,
                              String specsVersion, JsonNode snapshot) {
        // The rules, their quotations and their file headers.
        List<RuleRef> rules = new ArrayList<>();
        Map<String, List<String>> headerQuotes = new LinkedHashMap<>();
        Map<String, Set<String>> clausesOfFile = new HashMap<>();
        ClauseCatalogue catalogue = ClauseCatalogue.of(source.origin(), source.catalogue());
        for (Map.Entry<String, String> file : source.drlFiles().entrySet()) {
            DrlFile drl = DrlFile.parse(file.getKey(), file.getValue());
            headerQuotes.put(file.getKey(), Quotes.in(String.join("\n", drl.header())));
            Map<String, List<String>> lastQuotes = new HashMap<>();
            for (DrlFile.Rule r : drl.rules()) {
                List<String> quotes = Quotes.in(String.join("\n", r.commentAbove()));
                boolean inherited = quotes.isEmpty();
                if (inherited) {
                    quotes = lastQuotes.getOrDefault(r.clause(), List.of());
                } else {
                    lastQuotes.put(r.clause(), quotes);
                }
                rules.add(new RuleRef(file.getKey(), r.line(), r.name(), r.clause(), quotes, inherited,
                        r.metadata().get("readingZh"), r.metadata().get("readingEn")));
                clausesOfFile.computeIfAbsent(file.getKey(), k -> new LinkedHashSet<>()).add(r.clause());
            }
        }
        Map<String, RuleRef> ruleByName = new HashMap<>();
        rules.forEach(r -> ruleByName.put(r.name(), r));

        // Scores from the snapshot.
        Map<String, Counts> countsByRule = new HashMap<>();
        List<Survivor> survivors = new ArrayList<>();
        ScoreSource scoreSource = new ScoreSource(false, false, "", "", 0, 0);
        if (snapshot != null) {
            for (JsonNode r : snapshot.path("rules")) {
                countsByRule.put(r.path("file").asText() + "|" + r.path("rule").asText(), new Counts(
                        r.path("mutants").asInt(), r.path("killed").asInt(), r.path("survived").asInt(),
                        r.path("equivalent").asInt(), r.path("notCompiled").asInt()));
            }
            for (JsonNode s : snapshot.path("survivors")) {
                survivors.add(new Survivor(s.path("file").asText(), s.path("line").asInt(), s.path("rule").asText(),
                        s.path("change").asText()));
            }
            String rv = snapshot.path("rulesVersion").asText();
            String sv = snapshot.path("specsVersion").asText();
            scoreSource = new ScoreSource(true, rv.equals(source.version()) && sv.equals(specsVersion), rv, sv,
                    survivors.size(), snapshot.path("stale").size());
        }

        // Sentences to rules.
        Map<RuleRef, List<Sentence>> sentencesOfRule = new LinkedHashMap<>();
        Map<RuleRef, List<String>> unmatched = new LinkedHashMap<>();
        for (RuleRef r : rules) {
            List<Sentence> found = new ArrayList<>();
            for (String quote : r.quotes()) {
                List<Sentence> hits = new ArrayList<>();
                for (String part : Quotes.sentencesOf(quote)) {
                    for (Sentence s : text.sentences()) {
                        if (belongs(r, s, catalogue) && Quotes.foundIn(part, s.text()) && !hits.contains(s)) {
                            hits.add(s);
                        }
                    }
                }
                if (hits.isEmpty()) {
                    unmatched.computeIfAbsent(r, k -> new ArrayList<>()).add(quote);
                }
                hits.stream().filter(s -> !found.contains(s)).forEach(found::add);
            }
            sentencesOfRule.put(r, found);
        }

        List<SentenceTrace> sentenceTraces = new ArrayList<>();
        for (Sentence s : text.sentences()) {
            List<RuleRef> its = rules.stream().filter(r -> sentencesOfRule.get(r).contains(s)).toList();
            List<String> clauseIds = its.stream().map(RuleRef::clause).distinct()
                    .sorted(catalogue.order()).toList();
            List<String> context = new ArrayList<>();
            headerQuotes.forEach((file, quotes) -> {
                for (String q : quotes) {
                    for (String part : Quotes.sentencesOf(q)) {
                        if (Quotes.foundIn(part, s.text()) && !context.contains(file)) {
                            context.add(file);
                        }
                    }
                }
            });
            Set<String> names = new LinkedHashSet<>();
            its.forEach(r -> names.add(r.name()));
            List<CaseRef> proving = new ArrayList<>();
            fired.forEach((c, firedRules) -> {
                if (firedRules.stream().anyMatch(names::contains)) {
                    proving.add(new CaseRef(c.file(), c.name()));
                }
            });
            Counts score = Counts.NONE;
            for (RuleRef r : its) {
                score = score.plus(countsByRule.getOrDefault(r.file() + "|" + r.name(), Counts.NONE));
            }
            List<Survivor> its_survivors = survivors.stream()
                    .filter(v -> its.stream().anyMatch(r -> r.file().equals(v.file()) && r.name().equals(v.rule())))
                    .toList();
            sentenceTraces.add(new SentenceTrace(s, clauseIds, its, context, proving, score, its_survivors));
        }

        // The catalogue of clauses.
        List<ClauseTrace> clauseTraces = new ArrayList<>();
        for (Clause clause : catalogue.clauses()) {
            List<RuleRef> its = rules.stream().filter(r -> r.clause().equals(clause.id())).toList();
            List<CaseRef> naming = new ArrayList<>();
            for (SpecCase c : fired.keySet()) {
                if (names(c, clause.id(), clausesOfFile)) {
                    naming.add(new CaseRef(c.file(), c.name()));
                }
            }
            List<String> sentenceIds = sentenceTraces.stream().filter(t -> t.clauses().contains(clause.id()))
                    .map(t -> t.sentence().id()).toList();
            Counts score = Counts.NONE;
            for (RuleRef r : its) {
                score = score.plus(countsByRule.getOrDefault(r.file() + "|" + r.name(), Counts.NONE));
            }
            clauseTraces.add(new ClauseTrace(clause, its, naming, sentenceIds, score));
        }

        List<Untraced> untraced = new ArrayList<>();
        for (RuleRef r : rules) {
            if (!sentencesOfRule.get(r).isEmpty()) {
                continue;
            }
            String why;
            if (r.quotes().isEmpty()) {
                why = "no quotation of the text above the rule or above an earlier rule of its clause";
            } else {
                why = (r.quotesInherited() ? "no quotation of its own; the rule above of its clause quotes "
                        : "quotes ") + String.join(", ", unmatched.getOrDefault(r, r.quotes()).stream()
                        .map(q -> "“" + q + "”").toList()) + ", not a sentence of "
                        + (catalogue.contains(r.clause()) && catalogue.clause(r.clause()).isMeasureClause()
                        ? "measure " + catalogue.clause(r.clause()).measure()
                        : catalogue.contains(r.clause()) && catalogue.clause(r.clause()).part() == Clause.Part.CLOSING
                        ? "the closing paragraph" : "the preamble or title")
                        + " (a term of the whole text, or a cross-reference)";
            }
            untraced.add(new Untraced(r, why));
        }
        int caseCount = fired.size();
        return new Traceability(source.version(), specsVersion, caseCount, scoreSource, List.copyOf(sentenceTraces),
                List.copyOf(clauseTraces), List.copyOf(untraced));
    }

    /** A rule may encode only sentences of its own clause's paragraph. */
    private static boolean belongs(RuleRef rule, Sentence s, ClauseCatalogue catalogue) {
        if (!catalogue.contains(rule.clause())) {
            return false;
        }
        Clause clause = catalogue.clause(rule.clause());
        return switch (clause.part()) {
            case MEASURE -> s.measure() == clause.measure() && s.kind() == Kind.MEASURE;
            case CLOSING -> s.kind() == Kind.CLOSING;
            case PREAMBLE -> s.kind() == Kind.PREAMBLE;
        };
    }

    /**
     * Whether a spec case names a clause: one of its expected lines has that clause, or it is in the spec file of
     * a rule file whose rules all encode that clause (the general conditions and the closing paragraph produce no
     * lines of their own; their spec files name them).
     */
    static boolean names(SpecCase c, String clause, Map<String, Set<String>> clausesOfFile) {
        for (JsonNode line : c.expect().path("lines")) {
            if (clause.equals(line.path("clause").asText())) {
                return true;
            }
        }
        Set<String> ofFile = clausesOfFile.get(c.topic() + ".drl");
        return ofFile != null && ofFile.equals(Set.of(clause));
    }
}
