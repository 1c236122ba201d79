package cn.minhang.policy.engine;

/** A compiled rule: its name, the clause it encodes, and where it is written. */
public record RuleInfo(String name, String clause, String file, int line) {
}
