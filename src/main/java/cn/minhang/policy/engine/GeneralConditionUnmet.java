package cn.minhang.policy.engine;

import org.kie.api.runtime.rule.RuleContext;

/**
 * A general condition of the policy that the application fails; every claim except those of
 * {@code exceptClause} becomes not eligible.
 */
public record GeneralConditionUnmet(String rule, String exceptClause, String reasonZh, String reasonEn) {

    public static GeneralConditionUnmet of(RuleContext rule, String reasonZh, String reasonEn) {
        return new GeneralConditionUnmet(RuleMeta.name(rule), "", reasonZh, reasonEn);
    }

    /** A condition that does not apply to {@code clause} (clause 8's applicant is only settling in the district). */
    public static GeneralConditionUnmet except(RuleContext rule, String clause, String reasonZh, String reasonEn) {
        return new GeneralConditionUnmet(RuleMeta.name(rule), RuleMeta.catalogue(rule).clause(clause).id(), reasonZh,
                reasonEn);
    }
}
