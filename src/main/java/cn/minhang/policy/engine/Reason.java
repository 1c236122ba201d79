package cn.minhang.policy.engine;

/** A reason or a description, in Chinese and English. */
public record Reason(String zh, String en) {

    public String in(Language language) {
        return language == Language.EN ? en : zh;
    }
}
