package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import cn.minhang.policy.model.Level;

/** Renders decision lines as sentences with their arithmetic, in Chinese and English. */
public final class Explanations {
    private Explanations() {
    }

    /** 8000000 as "8,000,000.00". */
    public static String yuan(BigDecimal amount) {
        return grouped(amount.setScale(2, RoundingMode.HALF_UP));
    }

    /** An exact amount: to the fen, or with every decimal it has where it has more (2,999,999.994). */
    public static String exact(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() <= 2 ? yuan(amount) : grouped(stripped);
    }

    /**
     * The amount with every decimal of its scale and a comma between thousands, as {@code String.format(
     * Locale.ROOT, "%,.Nf", amount)} writes it with N its scale, without the cost of a Formatter: a batch renders
     * several amounts for every line of every decision.
     */
    static String grouped(BigDecimal amount) {
        String plain = amount.abs().toPlainString();
        int point = plain.indexOf('.');
        int integerDigits = point < 0 ? plain.length() : point;
        StringBuilder out = new StringBuilder(plain.length() + integerDigits / 3 + 1);
        if (amount.signum() < 0) {
            out.append('-');
        }
        for (int i = 0; i < integerDigits; i++) {
            if (i > 0 && (integerDigits - i) % 3 == 0) {
                out.append(',');
            }
            out.append(plain.charAt(i));
        }
        return out.append(plain, integerDigits, plain.length()).toString();
    }

    /** 0.30 as "30%". */
    public static String percent(BigDecimal rate) {
        return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    static String line(AwardLine line, Language language) {
        return language == Language.EN ? en(line) : zh(line);
    }

    // One small method per kind of line, so that each is compiled on its own and only for the lines that occur.

    private static String zh(AwardLine l) {
        return switch (l.status()) {
            case GRANTED, CAPPED -> grantedZh(l);
            case EXCLUDED -> excludedZh(l);
            case NOT_ELIGIBLE -> headZh(l) + "不予支持：" + reasonsZh(l);
            case SUPPORT -> headZh(l) + "给予政策支持：" + reasonsZh(l);
            case CEILING -> ceilingZh(l);
            case AGGREGATE_CAP -> aggregateCapZh(l);
        };
    }

    private static String en(AwardLine l) {
        return switch (l.status()) {
            case GRANTED, CAPPED -> grantedEn(l);
            case EXCLUDED -> excludedEn(l);
            case NOT_ELIGIBLE -> headEn(l) + "not eligible: " + reasonsEn(l);
            case SUPPORT -> headEn(l) + "support: " + reasonsEn(l);
            case CEILING -> ceilingEn(l);
            case AGGREGATE_CAP -> aggregateCapEn(l);
        };
    }

    private static String headZh(AwardLine l) {
        return l.clause().labelZh() + "：";
    }

    private static String headEn(AwardLine l) {
        return l.clause().labelEn() + ": ";
    }

    private static String grantedZh(AwardLine l) {
        return headZh(l) + arithmeticZh(l) + "，给予 " + yuan(l.amount()) + " 元";
    }

    private static String grantedEn(AwardLine l) {
        return headEn(l) + arithmeticEn(l) + "; granted " + yuan(l.amount()) + " yuan";
    }

    private static String excludedZh(AwardLine l) {
        return l.excludedBy().addedAfterCap() != null ? headZh(l) + arithmeticZh(l) + afterCapZh(l)
                : headZh(l) + arithmeticZh(l) + "；按“从优、就高、不重复”原则，同一事项" + winnerZh(l) + "，本项不予重复支持";
    }

    private static String excludedEn(AwardLine l) {
        return l.excludedBy().addedAfterCap() != null ? headEn(l) + arithmeticEn(l) + afterCapEn(l)
                : headEn(l) + arithmeticEn(l) + "; excluded under 从优、就高、不重复 (most favourable, highest, never "
                + "twice): the same subject " + winnerEn(l);
    }

    /** The reasons of a line, one after another. */
    private static String reasonsZh(AwardLine l) {
        return joined(l, false, "；");
    }

    private static String reasonsEn(AwardLine l) {
        return joined(l, true, "; ");
    }

    private static String joined(AwardLine l, boolean en, String between) {
        List<Reason> reasons = l.reasons();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                out.append(between);
            }
            out.append(en ? reasons.get(i).en() : reasons.get(i).zh());
        }
        return out.toString();
    }

    private static String ceilingZh(AwardLine l) {
        return headZh(l) + "最高不超过 " + yuan(l.cap()) + " 元" + (l.reasons().isEmpty() ? "" : "（" + reasonsZh(l) + "）")
                + "，具体金额经评审确定，不计入给予总额；金额确定后按“从优、就高、不重复”原则与同一事项的其他支持比较";
    }

    private static String ceilingEn(AwardLine l) {
        return headEn(l) + "up to " + yuan(l.cap()) + " yuan" + (l.reasons().isEmpty() ? "" : " (" + reasonsEn(l) + ")")
                + ", to be set by review; not counted in the "
                + "granted total; once set, it is weighed against other awards for the same subject under "
                + "从优、就高、不重复";
    }

    private static String aggregateCapZh(AwardLine l) {
        Clause c = l.clause();
        return c.labelZh() + c.aggregateScopeZh() + "上限" + groupZh(l) + "：合计 "
                + yuan(l.computed()) + " 元，超过上限 " + yuan(l.cap()) + " 元，核减 " + yuan(l.amount().negate())
                + " 元";
    }

    private static String aggregateCapEn(AwardLine l) {
        Clause c = l.clause();
        return c.labelEn() + " " + c.aggregateScopeEn() + " cap" + groupEn(l) + ": "
                + yuan(l.computed()) + " yuan in all exceeds the cap of " + yuan(l.cap()) + " yuan; reduced by "
                + yuan(l.amount().negate()) + " yuan";
    }

    private static String arithmeticZh(AwardLine l) {
        Clause c = l.clause();
        if (l.kind() == ClaimKind.DISCRETIONARY) {
            String base = c.baseZh() + " " + yuan(l.base()) + " 元";
            if (l.cap() == null) {
                return base;
            }
            String cap = yuan(l.cap());
            return l.computed().compareTo(l.cap()) > 0
                    ? base + "，超过" + c.capScopeZh() + "最高 " + cap + " 元，按上限计 " + cap + " 元"
                    : base + "，未超过" + c.capScopeZh() + "最高 " + cap + " 元";
        }
        String product = c.baseZh() + " " + yuan(l.base()) + " 元 × " + percent(l.rate()) + " = "
                + exact(l.computed()) + " 元";
        if (l.cap() == null) {
            return product + "（条文未设上限）";
        }
        String cap = yuan(l.cap());
        return l.computed().compareTo(l.cap()) > 0
                ? product + "，超过" + c.capScopeZh() + "上限 " + cap + " 元，按上限计 " + cap + " 元"
                : product + "，未超过" + c.capScopeZh() + "上限 " + cap + " 元";
    }

    private static String arithmeticEn(AwardLine l) {
        Clause c = l.clause();
        if (l.kind() == ClaimKind.DISCRETIONARY) {
            String base = c.baseEn() + " " + yuan(l.base()) + " yuan";
            if (l.cap() == null) {
                return base;
            }
            String cap = yuan(l.cap());
            return l.computed().compareTo(l.cap()) > 0
                    ? base + ", above the " + c.capScopeEn() + " maximum of " + cap + " yuan, so " + cap + " yuan"
                    : base + ", within the " + c.capScopeEn() + " maximum of " + cap + " yuan";
        }
        String product = c.baseEn() + " " + yuan(l.base()) + " yuan × " + percent(l.rate()) + " = "
                + exact(l.computed()) + " yuan";
        if (l.cap() == null) {
            return product + " (the text states no cap)";
        }
        String cap = yuan(l.cap());
        return l.computed().compareTo(l.cap()) > 0
                ? product + ", above the " + c.capScopeEn() + " cap of " + cap + " yuan, so " + cap + " yuan"
                : product + ", within the " + c.capScopeEn() + " cap of " + cap + " yuan";
    }

    /**
     * An exclusion decided with a binding aggregate cap in view: what this award would have added after the cap,
     * and the award the subject keeps instead.
     */
    private static String afterCapZh(AwardLine l) {
        ExcludedBy w = l.excludedBy();
        String scope = l.clause().aggregateScopeZh() == null ? "合计" : l.clause().aggregateScopeZh();
        String kept = w.thisPolicy()
                ? "按" + winner(l).labelZh() + "获得的支持 " + yuan(w.amount()) + " 元"
                + (w.keptAddsAfterCap() == null ? "" : "（计入其上限后增加 " + yuan(w.keptAddsAfterCap()) + " 元）")
                : "保留的其他政策“" + w.policy() + "”（" + levelZh(w.level()) + "）支持 " + yuan(w.amount()) + " 元";
        BigDecimal keptWorth = w.keptAddsAfterCap() == null ? w.amount() : w.keptAddsAfterCap();
        String compared = w.addedAfterCap().compareTo(keptWorth) < 0
                ? "，低于同一事项" + kept
                : "，与同一事项" + kept + "相同，按同等时的先后次序保留后者";
        return "；按“从优、就高、不重复”原则，计入" + scope + "上限后本项只能增加 " + yuan(w.addedAfterCap()) + " 元"
                + compared + "，本项不予重复支持";
    }

    private static String afterCapEn(AwardLine l) {
        ExcludedBy w = l.excludedBy();
        String scope = l.clause().aggregateScopeEn() == null ? "" : " " + l.clause().aggregateScopeEn();
        String kept = w.thisPolicy()
                ? " yuan the same subject gets under " + winner(l).labelEn()
                + (w.keptAddsAfterCap() == null ? "" : " (which adds " + yuan(w.keptAddsAfterCap()) + " yuan after its cap)")
                : " yuan the same subject keeps under another policy, \"" + w.policy() + "\" ("
                + w.level().name().toLowerCase(Locale.ROOT) + ")";
        BigDecimal keptWorth = w.keptAddsAfterCap() == null ? w.amount() : w.keptAddsAfterCap();
        String compared = w.addedAfterCap().compareTo(keptWorth) < 0
                ? ", less than the " + yuan(w.amount()) + kept
                : ", the same as the " + yuan(w.amount()) + kept + ", which the order of ties keeps";
        return "; excluded under 从优、就高、不重复 (most favourable, highest, never twice): after the cap" + scope
                + " this award would add only " + yuan(w.addedAfterCap()) + " yuan" + compared;
    }

    /** A winner of this policy may tie with the excluded award: the lower clause then stands. */
    private static boolean tie(AwardLine l) {
        BigDecimal own = l.cap() != null && l.computed().compareTo(l.cap()) > 0 ? l.cap() : l.computed();
        return own.setScale(2, RoundingMode.HALF_UP).compareTo(l.excludedBy().amount()) == 0;
    }

    /** The clause of this policy whose award stands instead of the line's. */
    private static Clause winner(AwardLine l) {
        return l.clause().catalogue().clause(l.excludedBy().clause());
    }

    private static String winnerZh(AwardLine l) {
        ExcludedBy w = l.excludedBy();
        if (w.thisPolicy()) {
            return tie(l)
                    ? "已按" + winner(l).labelZh() + "获同额支持 " + yuan(w.amount()) + " 元（同额时适用条款序号在前者）"
                    : "已按" + winner(l).labelZh() + "获较高支持 " + yuan(w.amount()) + " 元";
        }
        return "已获其他政策“" + w.policy() + "”（" + levelZh(w.level()) + "）较高支持 " + yuan(w.amount()) + " 元";
    }

    private static String winnerEn(AwardLine l) {
        ExcludedBy w = l.excludedBy();
        if (w.thisPolicy()) {
            return tie(l)
                    ? "gets the same " + yuan(w.amount()) + " yuan under " + winner(l).labelEn()
                    + ", and a tie goes to the lower clause"
                    : "gets the higher " + yuan(w.amount()) + " yuan under " + winner(l).labelEn();
        }
        return "gets the higher " + yuan(w.amount()) + " yuan under another policy, \"" + w.policy() + "\" ("
                + w.level().name().toLowerCase(Locale.ROOT) + ")";
    }

    private static String groupZh(AwardLine l) {
        return l.group().isEmpty() ? "" : "（" + l.group() + "）";
    }

    private static String groupEn(AwardLine l) {
        return l.group().isEmpty() ? "" : " (" + l.group() + ")";
    }

    static String levelZh(Level level) {
        return switch (level) {
            case DISTRICT -> "区级";
            case MUNICIPAL -> "市级";
            case NATIONAL -> "国家级";
        };
    }

    static Reason forgone(ForgoneAward f) {
        if (f.winningAddsAfterCap() != null) {
            Clause c = f.winning();
            boolean same = f.winningAddsAfterCap().compareTo(f.award().amount()) == 0;
            String scopeZh = c.aggregateScopeZh() == null ? "合计" : c.aggregateScopeZh();
            String scopeEn = c.aggregateScopeEn() == null ? "" : " " + c.aggregateScopeEn();
            return new Reason(
                    "其他政策“" + f.award().policy() + "”（" + levelZh(f.award().level()) + "）就事项 " + f.award().subject()
                            + " 给予的 " + yuan(f.award().amount()) + " 元应予放弃：本政策" + c.labelZh() + "给予的 "
                            + yuan(f.winningAmount()) + " 元计入" + scopeZh + "上限后增加 " + yuan(f.winningAddsAfterCap())
                            + " 元，" + (same ? "与之相同，同等时适用本政策" : "仍较高") + "（从优、就高、不重复）",
                    "The " + yuan(f.award().amount()) + " yuan for " + f.award().subject() + " under another policy, \""
                            + f.award().policy() + "\" (" + f.award().level().name().toLowerCase(Locale.ROOT)
                            + "), must be forgone: this policy's " + c.labelEn() + " gives " + yuan(f.winningAmount())
                            + " yuan, which adds " + yuan(f.winningAddsAfterCap()) + " yuan after the cap" + scopeEn
                            + (same ? ", the same, and a tie goes to this policy" : ", still more") + " (从优、就高、不重复)");
        }
        boolean tie = f.winningAmount().compareTo(f.award().amount()) == 0;
        return new Reason(
                "其他政策“" + f.award().policy() + "”（" + levelZh(f.award().level()) + "）就事项 " + f.award().subject()
                        + " 给予的 " + yuan(f.award().amount()) + " 元应予放弃：本政策" + f.winning().labelZh()
                        + "给予的 " + yuan(f.winningAmount()) + " 元"
                        + (tie ? "与之相同，同额时适用本政策" : "较高") + "（从优、就高、不重复）",
                "The " + yuan(f.award().amount()) + " yuan for " + f.award().subject() + " under another policy, \""
                        + f.award().policy() + "\" (" + f.award().level().name().toLowerCase(Locale.ROOT)
                        + "), must be forgone: this policy's " + f.winning().labelEn()
                        + (tie ? " gives the same " + yuan(f.winningAmount()) + " yuan, and a tie goes to this policy"
                        : " gives the higher " + yuan(f.winningAmount()) + " yuan") + " (从优、就高、不重复)");
    }

    static String decision(Decision d, Language language) {
        boolean en = language == Language.EN;
        StringBuilder out = new StringBuilder();
        for (AwardLine line : d.lines()) {
            out.append(line.explanation(language)).append('\n');
        }
        for (ForgoneAward f : d.forgone()) {
            out.append(f.explanation().in(language)).append('\n');
        }
        out.append(en ? "Granted in all: " : "给予合计：").append(yuan(d.totalGranted())).append(en ? " yuan" : " 元")
                .append('\n');
        for (TextReading r : d.readings()) {
            out.append(en ? "Reading applied: " : "适用的文本解读：").append(en ? r.en() : r.zh()).append('\n');
        }
        return out.toString();
    }
}
