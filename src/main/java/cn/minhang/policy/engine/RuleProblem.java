package cn.minhang.policy.engine;

/** One problem in a rule file, where an analyst can find it. Line 0 means the file as a whole. */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
