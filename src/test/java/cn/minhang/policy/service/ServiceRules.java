package cn.minhang.policy.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.minhang.policy.reload.RulesFixture;

/**
 * A rules directory and a specs directory for a service whose rules the tests change while it serves: the
 * reload tests' {@link RulesFixture} (the general conditions, measure 1 and the closing paragraph, quick to compile,
 * and one spec file that pins clause 1.1's rate) in a temporary directory, starting at 30%, so that the rate can be
 * changed and still pass the gate when the spec changes with it.
 */
final class ServiceRules {
    static final String M01 = RulesFixture.M01;
    /** The application the tests evaluate: one product with R&D of 8,000,000. */
    static final String APPLICATION = "{\"id\": \"PROBE\", \"applicationDate\": \"2026-03-01\", \"enterprise\": "
            + "{\"id\": \"E1\", \"name\": \"示例关节科技有限公司\", \"locatedInDistrict\": true, \"embodiedAiField\": true}, "
            + "\"products\": [{\"id\": \"P1\", \"name\": \"一体化关节模组\", \"category\": \"INTEGRATED_JOINT\", "
            + "\"rndInvestment\": \"8000000\", \"ownIp\": true, \"marketSales\": true}]}";

    private final RulesFixture fixture;
    final Path rules;
    final Path specs;

    ServiceRules() {
        try {
            fixture = new RulesFixture(Files.createTempDirectory("policy-service-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rules = fixture.rules;
        specs = fixture.specs;
        writeGood(30);
    }

    /** What 1.1 grants on R&D of 8,000,000 at {@code percent} (under the 3,000,000 cap). */
    static String amount(int percent) {
        return RulesFixture.amount(percent);
    }

    /** Rules paying {@code percent} and the spec that expects it: they pass the gate. */
    void writeGood(int percent) {
        fixture.writeGood(percent);
    }

    /** Rules paying {@code percent} with the spec left as it is: a failing case, unless it already expects it. */
    void writeRulesOnly(int percent) {
        write(M01, fixture.m01Paying(percent));
    }

    void write(String file, String text) {
        try {
            Files.writeString(rules.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String file) {
        try {
            Files.deleteIfExists(rules.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
