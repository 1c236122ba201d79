package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.io.ApplicationJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static cn.minhang.policy.cli.Text.t;

/**
 * The difference two sets of rules make to a population: per clause the totals under A and B, the applicants
 * whose decision changed, and the largest changes with the lines that differ. A decision changed when any of its
 * lines (clause, subject, outcome, amount) or its awards to forgo differ; explanations and rule names do not count.
 * Memory is bounded by {@code top}, whatever the population.
 */
final class Comparison {
    private final int top;
    private final Comparator<String> order;
    private final Map<String, BigDecimal[]> totals;
    private final Map<String, Long> changedByClause;
    private final PriorityQueue<Change> largest;
    private BigDecimal totalA = BigDecimal.ZERO.setScale(2);
    private BigDecimal totalB = BigDecimal.ZERO.setScale(2);
    private long applicants;
    private long invalid;
    private long failed;
    private long changed;

    /** One applicant whose decision changed. */
    record Change(long line, String applicationId, BigDecimal totalA, BigDecimal totalB, List<String> removed,
                  List<String> added) {
        BigDecimal difference() {
            return totalB.subtract(totalA);
        }
    }

    /** Largest absolute difference first; between equal ones, the earlier line. */
    private static final Comparator<Change> SIZE = Comparator
            .comparing((Change c) -> c.difference().abs()).reversed()
            .thenComparingLong(Change::line);

    /**
     * A comparison of the rules of catalogue {@code a} with those of {@code b}, its clauses in the order of the text
     * of both (a clause only B has comes after the clause that precedes it in B).
     */
    Comparison(int top, ClauseCatalogue a, ClauseCatalogue b) {
        this.top = top;
        this.order = ClauseCatalogue.order(a, b);
        this.totals = new TreeMap<>(order);
        this.changedByClause = new TreeMap<>(order);
        this.largest = new PriorityQueue<>(SIZE.reversed());
    }

    void add(long line, Decision a, Decision b) {
        applicants++;
        totalA = totalA.add(a.totalGranted());
        totalB = totalB.add(b.totalGranted());
        for (Map.Entry<String, BigDecimal> e : a.totalsByClause().entrySet()) {
            row(e.getKey())[0] = row(e.getKey())[0].add(e.getValue());
        }
        for (Map.Entry<String, BigDecimal> e : b.totalsByClause().entrySet()) {
            row(e.getKey())[1] = row(e.getKey())[1].add(e.getValue());
        }
        Set<String> keysA = keys(a);
        Set<String> keysB = keys(b);
        if (keysA.equals(keysB)) {
            return;
        }
        changed++;
        List<String> removed = keysA.stream().filter(k -> !keysB.contains(k)).toList();
        List<String> added = keysB.stream().filter(k -> !keysA.contains(k)).toList();
        Set<String> clauses = new TreeSet<>(order);
        for (String k : removed) {
            clauses.add(clauseOf(k));
        }
        for (String k : added) {
            clauses.add(clauseOf(k));
        }
        clauses.forEach(c -> changedByClause.merge(c, 1L, Long::sum));
        largest.add(new Change(line, a.applicationId(), a.totalGranted(), b.totalGranted(), removed, added));
        if (largest.size() > top) {
            largest.poll();
        }
    }

    void addInvalid() {
        invalid++;
    }

    void addFailed() {
        failed++;
    }

    long invalid() {
        return invalid;
    }

    long failed() {
        return failed;
    }

    long changed() {
        return changed;
    }

    /** The changes kept, largest first. */
    List<Change> largest() {
        return largest.stream().sorted(SIZE).toList();
    }

    private BigDecimal[] row(String clause) {
        return totals.computeIfAbsent(clause, k -> new BigDecimal[]{BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2)});
    }

    /** The lines and forgone awards of a decision as comparable keys: "1.1 P1 CAPPED 3,000,000.00". */
    static Set<String> keys(Decision d) {
        Set<String> keys = new LinkedHashSet<>();
        for (AwardLine l : d.lines()) {
            keys.add(l.clause().id() + " " + l.subject() + (l.group().isEmpty() ? "" : " " + l.group()) + " "
                    + l.status() + " " + Text.yuan(l.amount()));
        }
        for (ForgoneAward f : d.forgone()) {
            keys.add(f.winningClause() + " forgo " + f.award().id() + " (" + f.award().subject() + ") "
                    + Text.yuan(f.award().amount()));
        }
        return keys;
    }

    private static String clauseOf(String key) {
        return key.substring(0, key.indexOf(' '));
    }

    /** Clauses in the text's order, with their totals, difference and changed applicants. */
    private List<String> clauseIds() {
        Set<String> ids = new TreeSet<>(order);
        ids.addAll(totals.keySet());
        ids.addAll(changedByClause.keySet());
        return new ArrayList<>(ids);
    }

    private BigDecimal[] totalsOf(String clause) {
        return totals.getOrDefault(clause, new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
    }

    List<String> render(Language lang, String originA, String versionA, String originB, String versionB) {
        List<String> out = new ArrayList<>();
        out.add("A: " + originA + " (" + versionA + ")");
        out.add("B: " + originB + " (" + versionB + ")");
        out.add(String.format(t(lang, "申请人 %,d 家（无效 %,d 行，评估失败 %,d 行）",
                "%,d applicants (%,d invalid lines, %,d failed)"), applicants, invalid, failed));
        out.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{t(lang, "条款", "Clause"), t(lang, "A 合计（元）", "Total A (yuan)"),
                t(lang, "B 合计（元）", "Total B (yuan)"), t(lang, "差额（元）", "Difference (yuan)"),
                t(lang, "变化的申请人", "Applicants changed")});
        for (String clause : clauseIds()) {
            BigDecimal[] ab = totalsOf(clause);
            rows.add(new String[]{clause, Text.yuan(ab[0]), Text.yuan(ab[1]), Text.signedYuan(ab[1].subtract(ab[0])),
                    String.format("%,d", changedByClause.getOrDefault(clause, 0L))});
        }
        rows.add(new String[]{t(lang, "合计", "Total"), Text.yuan(totalA), Text.yuan(totalB),
                Text.signedYuan(totalB.subtract(totalA)), String.format("%,d", changed)});
        out.addAll(Text.table(rows, false, true, true, true, true));
        out.add("");
        out.add(String.format(t(lang, "决定有变化的申请人：%,d 家", "Applicants whose decision changed: %,d"), changed));
        List<Change> changes = largest();
        if (!changes.isEmpty()) {
            out.add("");
            out.add(String.format(t(lang, "变化最大的 %d 家：", "The %d largest changes:"), changes.size()));
            for (Change c : changes) {
                out.add(String.format(t(lang, "第 %d 行  %s  %s → %s  (%s)", "line %d  %s  %s → %s  (%s)"), c.line(),
                        c.applicationId(), Text.yuan(c.totalA()), Text.yuan(c.totalB()), Text.signedYuan(c.difference())));
                c.removed().forEach(k -> out.add("    - " + k));
                c.added().forEach(k -> out.add("    + " + k));
            }
        }
        return out;
    }

    ObjectNode toJson(String originA, String versionA, String originB, String versionB) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putObject("rulesA").put("origin", originA).put("version", versionA);
        root.putObject("rulesB").put("origin", originB).put("version", versionB);
        root.put("applicants", applicants);
        root.put("invalid", invalid);
        root.put("failed", failed);
        ArrayNode clauses = root.putArray("clauses");
        for (String clause : clauseIds()) {
            BigDecimal[] ab = totalsOf(clause);
            clauses.addObject().put("clause", clause)
                    .put("totalA", ApplicationJson.amount(ab[0]))
                    .put("totalB", ApplicationJson.amount(ab[1]))
                    .put("difference", ApplicationJson.amount(ab[1].subtract(ab[0])))
                    .put("applicantsChanged", changedByClause.getOrDefault(clause, 0L));
        }
        root.putObject("total").put("a", ApplicationJson.amount(totalA)).put("b", ApplicationJson.amount(totalB))
                .put("difference", ApplicationJson.amount(totalB.subtract(totalA)));
        root.put("applicantsChanged", changed);
        ArrayNode changes = root.putArray("largestChanges");
        for (Change c : largest()) {
            ObjectNode node = changes.addObject();
            node.put("line", c.line());
            node.put("applicationId", c.applicationId());
            node.put("totalA", ApplicationJson.amount(c.totalA()));
            node.put("totalB", ApplicationJson.amount(c.totalB()));
            node.put("difference", ApplicationJson.amount(c.difference()));
            ArrayNode removed = node.putArray("removed");
            c.removed().forEach(removed::add);
            ArrayNode added = node.putArray("added");
            c.added().forEach(added::add);
        }
        return root;
    }

    /** clause,total_a,total_b,difference,applicants_changed — one row per clause, then "all". */
    List<String> toCsv() {
        List<String> out = new ArrayList<>();
        out.add("clause,total_a,total_b,difference,applicants_changed");
        for (String clause : clauseIds()) {
            BigDecimal[] ab = totalsOf(clause);
            out.add(clause + "," + ApplicationJson.amount(ab[0]) + "," + ApplicationJson.amount(ab[1]) + ","
                    + ApplicationJson.amount(ab[1].subtract(ab[0])) + "," + changedByClause.getOrDefault(clause, 0L));
        }
        out.add("all," + ApplicationJson.amount(totalA) + "," + ApplicationJson.amount(totalB) + ","
                + ApplicationJson.amount(totalB.subtract(totalA)) + "," + changed);
        return out;
    }
}
