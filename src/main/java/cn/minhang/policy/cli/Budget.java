package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.io.ApplicationJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static cn.minhang.policy.cli.Text.t;

/**
 * The budget of a batch: per clause, how many applicants and lines were granted and the amount (after aggregate
 * caps), what is left to review, and the grand total, which is the sum of every decision's total.
 */
final class Budget {
    private final Map<String, Row> clauses;
    private long lines;
    private long evaluated;
    private long invalid;
    private long failed;
    private long applicantsGranted;
    private BigDecimal grandTotal = BigDecimal.ZERO.setScale(2);

    private static final class Row {
        long applicants;
        long linesGranted;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        long reviewLines;
        BigDecimal reviewUpTo = BigDecimal.ZERO.setScale(2);
    }

    /** A budget in the order of the text of {@code catalogue}. */
    Budget(ClauseCatalogue catalogue) {
        this.clauses = new TreeMap<>(catalogue.order());
    }

    void add(Decision decision) {
        lines++;
        evaluated++;
        grandTotal = grandTotal.add(decision.totalGranted());
        if (decision.totalGranted().signum() > 0) {
            applicantsGranted++;
        }
        Set<String> granted = new HashSet<>();
        for (AwardLine line : decision.lines()) {
            Row row = clauses.computeIfAbsent(line.clause().id(), k -> new Row());
            if (line.status().granted()) {
                row.linesGranted++;
                if (granted.add(line.clause().id())) {
                    row.applicants++;
                }
            } else if (line.status() == Status.CEILING) {
                row.reviewLines++;
            }
        }
        for (Map.Entry<String, BigDecimal> e : decision.reviewByClause().entrySet()) {
            Row row = clauses.computeIfAbsent(e.getKey(), k -> new Row());
            row.reviewUpTo = row.reviewUpTo.add(e.getValue());
        }
        for (Map.Entry<String, BigDecimal> e : decision.totalsByClause().entrySet()) {
            Row row = clauses.computeIfAbsent(e.getKey(), k -> new Row());
            row.amount = row.amount.add(e.getValue());
        }
    }

    void addInvalid() {
        lines++;
        invalid++;
    }

    void addFailed() {
        lines++;
        failed++;
    }

    long invalid() {
        return invalid;
    }

    long failed() {
        return failed;
    }

    long lines() {
        return lines;
    }

    BigDecimal grandTotal() {
        return grandTotal;
    }

    List<String> render(Language lang, String rulesVersion) {
        List<String> out = new ArrayList<>();
        out.add(t(lang, "预算汇总", "Budget summary") + "  (" + t(lang, "规则 ", "rules ") + rulesVersion + ")");
        out.add(String.format(t(lang, "输入 %,d 行：已评估 %,d 家申请人，无效 %,d 行，评估失败 %,d 行；获得资金支持 %,d 家",
                "%,d input lines: %,d applicants evaluated, %,d invalid, %,d failed; %,d granted money"),
                lines, evaluated, invalid, failed, applicantsGranted));
        out.add("");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{t(lang, "条款", "Clause"), t(lang, "获支持申请人", "Applicants"),
                t(lang, "给予行数", "Lines granted"), t(lang, "给予金额（元）", "Amount (yuan)"),
                t(lang, "待评审行数", "To review"), t(lang, "待评审最高（元）", "Review up to (yuan)")});
        for (Map.Entry<String, Row> e : clauses.entrySet()) {
            Row r = e.getValue();
            if (r.linesGranted == 0 && r.reviewLines == 0 && r.amount.signum() == 0) {
                continue;
            }
            rows.add(new String[]{e.getKey(), String.format("%,d", r.applicants), String.format("%,d", r.linesGranted),
                    Text.yuan(r.amount), String.format("%,d", r.reviewLines), Text.yuan(r.reviewUpTo)});
        }
        rows.add(new String[]{t(lang, "合计", "Total"), String.format("%,d", applicantsGranted), "",
                Text.yuan(grandTotal), "", ""});
        out.addAll(Text.table(rows, false, true, true, true, true, true));
        return out;
    }

    ObjectNode toJson(String rulesVersion) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("lines", lines);
        root.put("evaluated", evaluated);
        root.put("invalid", invalid);
        root.put("failed", failed);
        root.put("applicantsGranted", applicantsGranted);
        root.put("rulesVersion", rulesVersion);
        ArrayNode array = root.putArray("clauses");
        for (Map.Entry<String, Row> e : clauses.entrySet()) {
            Row r = e.getValue();
            ObjectNode row = array.addObject();
            row.put("clause", e.getKey());
            row.put("applicantsGranted", r.applicants);
            row.put("linesGranted", r.linesGranted);
            row.put("amount", ApplicationJson.amount(r.amount));
            row.put("reviewLines", r.reviewLines);
            row.put("reviewUpTo", ApplicationJson.amount(r.reviewUpTo));
        }
        root.put("grandTotal", ApplicationJson.amount(grandTotal));
        return root;
    }
}
