package cn.minhang.policy.engine;

import java.util.List;

/**
 * What new rules must pass before they serve: given an engine on the candidate rules (not yet serving), every
 * failure found, one sentence each; an empty list lets them in. {@code cn.minhang.policy.spec.SpecGate} runs the
 * spec files.
 */
@FunctionalInterface
public interface ReloadGate {
    List<String> failures(PolicyEngine candidate);
}
