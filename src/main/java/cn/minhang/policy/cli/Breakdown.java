package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.engine.TextReading;
import cn.minhang.policy.model.Application;

import static cn.minhang.policy.cli.Text.t;

/** A decision as a person reads it: an aligned table, the explanation under each line, totals, readings applied. */
public final class Breakdown {
    private static final String INDENT = "    ";

    private Breakdown() {
    }

    public static String render(String file, Application application, Decision decision, String rulesOrigin,
                                Language lang) {
        StringBuilder out = new StringBuilder();
        out.append(t(lang, "申请 ", "Application ")).append(application.id()).append("  ")
                .append(application.enterprise().name()).append(" (").append(application.enterprise().id()).append(")")
                .append(t(lang, "  申请日期 ", "  dated ")).append(application.applicationDate()).append('\n');
        out.append(t(lang, "文件 ", "File ")).append(file).append(t(lang, "  规则 ", "  rules ")).append(rulesOrigin)
                .append(" (").append(decision.rulesVersion()).append(")").append('\n');
        out.append(t(lang, "政策有效期 ", "Policy in force ")).append(decision.validity().from())
                .append(t(lang, " 至 ", " to ")).append(decision.validity().to()).append('\n').append('\n');

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{t(lang, "条款", "Clause"), t(lang, "事项", "Subject"), t(lang, "结果", "Outcome"),
                t(lang, "金额（元）", "Amount (yuan)")});
        for (AwardLine line : decision.lines()) {
            rows.add(new String[]{line.clause().id(), line.subject(), Text.status(line.status(), lang), amount(line, lang)});
        }
        List<String> table = Text.table(rows, false, false, false, true);
        int width = table.stream().mapToInt(Text::width).max().orElse(0);
        out.append(table.get(0)).append('\n').append("-".repeat(width)).append('\n');
        for (int i = 0; i < decision.lines().size(); i++) {
            out.append(table.get(i + 1)).append('\n');
            out.append(INDENT).append(decision.lines().get(i).explanation(lang)).append('\n');
        }
        if (decision.lines().isEmpty()) {
            out.append(t(lang, "（没有适用的条款）", "(no clause applies)")).append('\n');
        }
        out.append("-".repeat(width)).append('\n');

        List<String[]> totals = new ArrayList<>();
        totals.add(new String[]{t(lang, "给予合计", "Granted in all"), Text.yuan(decision.totalGranted())});
        for (Map.Entry<String, BigDecimal> e : decision.totalsByClause().entrySet()) {
            Clause clause = decision.linesOf(e.getKey()).get(0).clause();
            totals.add(new String[]{"  " + t(lang, clause.labelZh() + " (" + e.getKey() + ")", clause.labelEn()),
                    Text.yuan(e.getValue())});
        }
        BigDecimal ceilings = decision.reviewUpTo();
        if (ceilings.signum() > 0) {
            totals.add(new String[]{t(lang, "另经评审确定，最高", "To be set by review, up to"), Text.yuan(ceilings)});
        }
        Text.table(totals, false, true).forEach(l -> out.append(l).append('\n'));

        if (!decision.forgone().isEmpty()) {
            out.append('\n').append(t(lang, "应放弃的其他政策支持：", "Awards under other policies to forgo:")).append('\n');
            for (ForgoneAward f : decision.forgone()) {
                out.append("  - ").append(f.explanation().in(lang)).append('\n');
            }
        }
        if (!decision.measuresNotApplicable().isEmpty()) {
            out.append('\n').append(t(lang, "未涉及的措施：第 ", "Measures with nothing to decide: "))
                    .append(decision.measuresNotApplicable().stream().map(String::valueOf)
                            .collect(Collectors.joining(t(lang, "、", ", "))))
                    .append(t(lang, " 条", "")).append('\n');
        }
        if (!decision.readings().isEmpty()) {
            out.append('\n').append(t(lang, "所依据的默认解读：", "Default readings of the text applied:")).append('\n');
            for (TextReading r : decision.readings()) {
                out.append("  - ").append(lang == Language.EN ? r.en() : r.zh()).append('\n');
                out.append("    ").append(t(lang, "规则：", "rule: ")).append(r.rule()).append('\n');
            }
        }
        return out.toString();
    }

    private static String amount(AwardLine line, Language lang) {
        return switch (line.status()) {
            case SUPPORT -> "—";
            case CEILING -> t(lang, "最高 ", "up to ") + Text.yuan(line.cap());
            default -> Text.yuan(line.amount());
        };
    }
}
