package cn.minhang.policy.records;

import java.util.List;

/**
 * A recorded decision evaluated again.
 *
 * @param basis                 on the archived rules of the record's version, or on the rules serving now
 * @param rulesVersion          the version of the rules replayed on
 * @param engineVersion         the library that replayed
 * @param identical             true if the replayed document equals the recorded one byte for byte, its
 *                              {@code audit.evaluatedAt} set to the recorded time
 * @param differences           every value that differs (empty when identical)
 * @param decisionJson          the replayed decision document, on one line
 */
public record Replay(String recordId, Basis basis, String recordedRulesVersion, String rulesVersion,
                     String recordedEngineVersion, String engineVersion, boolean identical,
                     List<JsonDifference> differences, String decisionJson) {

    public Replay {
        differences = List.copyOf(differences);
    }

    public enum Basis {
        /** The rules of the record's version, compiled from the archive: reproduces the decision. */
        ARCHIVED,
        /** The rules serving now: what the applicant would get today. */
        CURRENT
    }
}
