package cn.minhang.policy.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rules directory and a specs directory for a service whose rules the tests change while it serves: the
 * general conditions, measure 1 and the closing paragraph (quick to compile), and one spec file that pins clause
 * 1.1's rate, so that the rate can be changed and still pass the gate when the spec changes with it.
 */
final class ServiceRules {
    static final String M01 = "m01-core-components.drl";
    static final String SPEC = "probe.yaml";
    /** The application the tests evaluate: one product with R&D of 8,000,000. */
    static final String APPLICATION = "{\"id\": \"PROBE\", \"applicationDate\": \"2026-03-01\", \"enterprise\": "
            + "{\"id\": \"E1\", \"name\": \"示例关节科技有限公司\", \"locatedInDistrict\": true, \"embodiedAiField\": true}, "
            + "\"products\": [{\"id\": \"P1\", \"name\": \"一体化关节模组\", \"category\": \"INTEGRATED_JOINT\", "
            + "\"rndInvestment\": \"8000000\", \"ownIp\": true, \"marketSales\": true}]}";

    final Path rules;
    final Path specs;
    private final String original;

    ServiceRules() {
        try {
            Path root = Files.createTempDirectory("policy-service-");
            rules = Files.createDirectories(root.resolve("rules"));
            specs = Files.createDirectories(root.resolve("specs"));
            for (String name : List.of("m00-general-conditions.drl", M01, "m15-closing-paragraph.drl")) {
                Files.copy(Path.of("rules", name), rules.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            original = Files.readString(rules.resolve(M01));
            assertThat(original).contains("$p.rndInvestment(), \"30%\", \"3,000,000\"");
            writeGood(30);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The m01 text with clause 1.1 paying {@code percent}. */
    String m01Paying(int percent) {
        String text = original.replace("$p.rndInvestment(), \"30%\", \"3,000,000\"", "$p.rndInvestment(), \""
                + percent + "%\", \"3,000,000\"");
        assertThat(percent == 30 || !text.equals(original)).isTrue();
        return text;
    }

    /** What 1.1 grants on R&D of 8,000,000 at {@code percent} (under the 3,000,000 cap). */
    static String amount(int percent) {
        return new BigDecimal("8000000").multiply(BigDecimal.valueOf(percent)).movePointLeft(2).setScale(2)
                .toPlainString();
    }

    /** The spec file whose one case expects clause 1.1 to grant {@code amount} on R&D of 8,000,000. */
    static String spec(String amount) {
        return """
                given:
                  id: PROBE
                  applicationDate: "2026-03-01"
                  enterprise: {id: E1, name: 示例关节科技有限公司, locatedInDistrict: true, embodiedAiField: true}
                cases:
                  - case: "1.1 R&D of 8,000,000 gets AMOUNT"
                    application:
                      products:
                        - {id: P1, name: 一体化关节模组, category: INTEGRATED_JOINT, rndInvestment: "8000000", ownIp: true, marketSales: true}
                    expect:
                      lines:
                        - {clause: "1.1", subject: P1, status: GRANTED, amount: "AMOUNT"}
                      total: "AMOUNT"
                """.replace("AMOUNT", amount);
    }

    /** Rules paying {@code percent} and the spec that expects it: they pass the gate. */
    void writeGood(int percent) {
        write(M01, m01Paying(percent));
        write(SPEC, spec(amount(percent)), specs);
    }

    /** Rules paying {@code percent} with the spec left as it is: a failing case, unless it already expects it. */
    void writeRulesOnly(int percent) {
        write(M01, m01Paying(percent));
    }

    void write(String file, String text) {
        write(file, text, rules);
    }

    private static void write(String file, String text, Path dir) {
        try {
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
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
