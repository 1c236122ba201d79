package cn.minhang.policy.model;

/** One impossible value in a fact: the field it is in and what is wrong with it. */
public record Violation(String field, String message) {
}
