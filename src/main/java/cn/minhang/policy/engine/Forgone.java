package cn.minhang.policy.engine;

import cn.minhang.policy.model.OtherAward;
import org.kie.api.runtime.rule.RuleContext;

/** An award under another policy that this policy's higher award replaces, so the applicant must forgo it. */
public record Forgone(OtherAward award, Winner winner, String rule) {

    public static Forgone of(RuleContext rule, OtherAward award, Winner winner) {
        return new Forgone(award, winner, RuleMeta.name(rule));
    }
}
