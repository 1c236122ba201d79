package cn.minhang.policy.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.ProductRnd;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rules directory and a specs directory an embedding system would configure: a copy of the policy's general
 * conditions, measure 1 and closing paragraph, and one spec file that pins clause 1.1's rate. Versions of the rules
 * are written into them as an analyst would. The decision service's tests change the rules of a running service
 * through the same fixture.
 */
public final class RulesFixture {
    public static final String M01 = "m01-core-components.drl";
    public static final String SPEC = "probe.yaml";
    static final String RULE_30 = "1.1 A core-component product with own IP and market sales gets 30% of its R&D "
            + "investment, at most 3,000,000";

    public final Path rules;
    public final Path specs;
    final String original;

    public RulesFixture(Path root) {
        try {
            rules = Files.createDirectories(root.resolve("rules"));
            specs = Files.createDirectories(root.resolve("specs"));
            // The general conditions, measure 1 and the closing paragraph: all the probe needs. The tests compile
            // fifteen versions or more; compiling all sixteen files each time would only make them slower.
            for (String name : List.of("m00-general-conditions.drl", M01, "m15-closing-paragraph.drl", "clauses.yaml")) {
                Files.copy(Path.of("rules", name), rules.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            original = Files.readString(rules.resolve(M01));
            assertThat(original).contains("rule \"" + RULE_30 + "\"").contains("\"30%\", \"3,000,000\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The m01 text with clause 1.1 paying {@code percent} (and its rule named after it). */
    public String m01Paying(int percent) {
        if (percent == 30) {
            return original;
        }
        String text = original.replace("gets 30% of its R&D", "gets " + percent + "% of its R&D")
                .replace("$p.rndInvestment(), \"30%\", \"3,000,000\"", "$p.rndInvestment(), \"" + percent
                        + "%\", \"3,000,000\"");
        assertThat(text).as("m01 must change in its rule name and its rate").isNotEqualTo(original)
                .contains("rule \"" + rule11(percent) + "\"");
        return text;
    }

    /** The name of the 1.1 rule that pays {@code percent}. */
    static String rule11(int percent) {
        return RULE_30.replace("30%", percent + "%");
    }

    /** The m01 text with a condition on a field products do not have (a compile error at the 1.1 rule's pattern). */
    String m01NotCompiling() {
        String text = original.replace("$p : ProductRnd( category != ComponentCategory.NOT_A_CORE_COMPONENT,",
                "$p : ProductRnd( colour == \"red\", category != ComponentCategory.NOT_A_CORE_COMPONENT,");
        assertThat(text).isNotEqualTo(original);
        return text;
    }

    /** The m01 text with a consequence that would stop the host. */
    String m01Unsafe() {
        String text = original.replace("    insert( Claim.rate( kcontext, $p.id(), $p.rndInvestment()",
                "    System.exit( 3 );\n    insert( Claim.rate( kcontext, $p.id(), $p.rndInvestment()");
        assertThat(text).isNotEqualTo(original);
        return text;
    }

    /** The 1-based line of the first line of {@code text} that contains {@code fragment}. */
    static int lineOf(String text, String fragment) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + fragment);
    }

    /** A spec file whose one case expects clause 1.1 to pay {@code amount} on R&D of 8,000,000. */
    public static String spec(String amount) {
        return """
                given:
                  id: RELOAD
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

    /** What 1.1 pays on R&D of 8,000,000 at {@code percent}. */
    public static String amount(int percent) {
        return new BigDecimal("8000000").multiply(BigDecimal.valueOf(percent)).movePointLeft(2).setScale(2)
                .toPlainString();
    }

    void write(String m01, String spec) {
        try {
            Files.writeString(rules.resolve(M01), m01, StandardCharsets.UTF_8);
            Files.writeString(specs.resolve(SPEC), spec, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rules paying {@code percent} and the spec that expects it. */
    public void writeGood(int percent) {
        write(m01Paying(percent), spec(amount(percent)));
    }

    /** The version the rules directory would have with {@code m01} as its m01 file. */
    String versionWith(String m01) {
        try (var files = Files.list(rules)) {
            Map<String, String> texts = new TreeMap<>();
            for (Path f : files.filter(f -> RuleSource.isRulesFile(f.getFileName().toString())).toList()) {
                texts.put(f.getFileName().toString(), Files.readString(f));
            }
            texts.put(M01, m01);
            return new RuleSource("expected", texts).version();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application the tests evaluate: a product with R&D of 8,000,000. */
    static Application application() {
        return Application.builder("RELOAD", LocalDate.of(2026, 3, 1),
                        new Enterprise("E1", "示例关节科技有限公司", true, true, List.of()))
                .product(new ProductRnd("P1", "一体化关节模组", ComponentCategory.INTEGRATED_JOINT,
                        new BigDecimal("8000000"), true, true))
                .build();
    }
}
