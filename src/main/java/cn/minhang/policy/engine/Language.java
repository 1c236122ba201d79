package cn.minhang.policy.engine;

/** The languages a decision explains itself in; Chinese is the language of the policy and the default. */
public enum Language {
    ZH, EN
}
