package cn.minhang.policy.mutation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.minhang.policy.mutation.MutantResult.Outcome;

/**
 * The outcome of a mutation run.
 *
 * @param rulesVersion the version (hash) of the unchanged rules
 * @param specsVersion a hash of the spec files
 * @param specCases    how many spec cases each mutant faced
 * @param files        every rule file mutated, in name order
 * @param results      one result per mutant run, in file and text order
 * @param skipped      per file, the mutants made but not run because of the ceiling
 * @param stale        entries of the list of equivalent mutants that no longer hold, each with why
 * @param threads      the size of the thread pool
 * @param elapsed      the wall-clock time of the whole run
 */
public record MutationRun(String rulesVersion, String specsVersion, int specCases, List<String> files,
                          List<MutantResult> results, Map<String, Integer> skipped, List<Stale> stale, int threads,
                          Duration elapsed) {

    /** An entry of the equivalent list that matches no mutant, or whose mutant a spec now kills. */
    public record Stale(EquivalentMutants.Entry entry, String problem) {
    }

    /**
     * The counts of one file (or of all files, or of one rule).
     *
     * <p>The score is killed ÷ (mutants − not compiled − equivalent): of the mutants that could change a
     * decision, the share a spec caught.
     */
    public record Score(String name, int mutants, int killed, int survived, int equivalent, int notCompiled,
                        int skipped) {

        static Score of(String name, List<MutantResult> results, int skipped) {
            int killed = 0;
            int survived = 0;
            int equivalent = 0;
            int notCompiled = 0;
            for (MutantResult r : results) {
                switch (r.outcome()) {
                    case KILLED -> killed++;
                    case SURVIVED -> survived++;
                    case EQUIVALENT -> equivalent++;
                    case NOT_COMPILED -> notCompiled++;
                }
            }
            return new Score(name, results.size(), killed, survived, equivalent, notCompiled, skipped);
        }

        /** The score in percent with one decimal, or null when no mutant could change a decision. */
        public BigDecimal percent() {
            int denominator = killed + survived;
            if (denominator == 0) {
                return null;
            }
            return BigDecimal.valueOf(killed * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
        }

        public String percentText() {
            BigDecimal p = percent();
            return p == null ? "—" : p.toPlainString() + "%";
        }
    }

    /** Per file, in name order. */
    public List<Score> byFile() {
        List<Score> out = new ArrayList<>();
        for (String file : files) {
            out.add(Score.of(file, results.stream().filter(r -> r.mutant().file().equals(file)).toList(),
                    skipped.getOrDefault(file, 0)));
        }
        return out;
    }

    /** Per rule, keyed by file and rule name, in file and text order. */
    public Map<String, Score> byRule() {
        Map<String, List<MutantResult>> grouped = new LinkedHashMap<>();
        for (MutantResult r : results) {
            grouped.computeIfAbsent(r.mutant().file() + "|" + r.mutant().rule(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Score> out = new LinkedHashMap<>();
        grouped.forEach((k, v) -> out.put(k, Score.of(v.get(0).mutant().rule(), v, 0)));
        return out;
    }

    public Score total() {
        return Score.of("all files", results, skipped.values().stream().mapToInt(Integer::intValue).sum());
    }

    public List<MutantResult> with(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).toList();
    }

    /** True when every mutant was killed, did not compile, or is listed as equivalent, and no entry is stale. */
    public boolean clean() {
        return with(Outcome.SURVIVED).isEmpty() && stale.isEmpty();
    }
}
