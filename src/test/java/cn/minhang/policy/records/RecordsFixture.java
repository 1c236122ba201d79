package cn.minhang.policy.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules and applications for the record store's tests: measure 1 with the general conditions and the closing
 * paragraph (enough to decide the examples below, and quick to compile), and the same with clause 1.1 paying
 * 20% instead of 30%: a second version, as an analyst's edit would make. Compiled once per JVM.
 */
final class RecordsFixture {
    static final String M01 = "m01-core-components.drl";
    static final RuleSource RULES = source();
    static final RuleSource RULES_20 = RULES.with(M01, RULES.files().get(M01)
            .replace("$p.rndInvestment(), \"30%\", \"3,000,000\"", "$p.rndInvestment(), \"20%\", \"3,000,000\""));
    private static PolicyEngine engine;
    private static PolicyEngine engine20;

    private RecordsFixture() {
    }

    static synchronized PolicyEngine engine() {
        if (engine == null) {
            engine = PolicyEngine.of(RULES);
        }
        return engine;
    }

    /** Clause 1.1 at 20%: another rules version. */
    static synchronized PolicyEngine engine20() {
        if (engine20 == null) {
            assertThat(RULES_20.version()).isNotEqualTo(RULES.version());
            engine20 = PolicyEngine.of(RULES_20);
        }
        return engine20;
    }

    private static RuleSource source() {
        Map<String, String> files = new TreeMap<>();
        try {
            for (String name : new String[]{"clauses.yaml", "m00-general-conditions.drl", M01, "m15-closing-paragraph.drl"}) {
                files.put(name, Files.readString(Path.of("rules", name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files.get(M01)).contains("$p.rndInvestment(), \"30%\", \"3,000,000\"");
        return new RuleSource("rules (measure 1)", files);
    }

    /**
     * The bundled joint-module maker (two products under 1.1, two compute expenses under 1.2), with its id and
     * enterprise id replaced: 1.1 grants 2,400,000 and 3,000,000 (capped); 1.2 is capped at 5,000,000 a year.
     */
    static Application jointModuleMaker(String applicationId, String enterpriseId) {
        return ApplicationReader.fromJson(jointModuleMakerJson(applicationId, enterpriseId));
    }

    static String jointModuleMakerJson(String applicationId, String enterpriseId) {
        try {
            return Files.readString(Path.of("examples/joint-module-maker.json"))
                    .replace("\"EX-2026-001\"", "\"" + applicationId + "\"")
                    .replace("\"E-QINGTIAN\"", "\"" + enterpriseId + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One product of {@code rnd} yuan R&D with own IP and market sales: 1.1 grants 30% of it, at most 3,000,000. */
    static Application oneProduct(String applicationId, String enterpriseId, String rnd) {
        return ApplicationReader.fromJson("""
                {"id": "%s", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "%s", "name": "示例关节科技有限公司", "locatedInDistrict": true, "embodiedAiField": true},
                 "products": [{"id": "P1", "name": "一体化关节模组", "category": "INTEGRATED_JOINT",
                               "rndInvestment": "%s", "ownIp": true, "marketSales": true}]}
                """.formatted(applicationId, enterpriseId, rnd));
    }

    /** An enterprise outside the district: every clause NOT_ELIGIBLE. */
    static Application outsideDistrict(String applicationId, String enterpriseId) {
        return ApplicationReader.fromJson("""
                {"id": "%s", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "%s", "name": "区外科技有限公司", "locatedInDistrict": false, "embodiedAiField": true},
                 "products": [{"id": "P1", "name": "一体化关节模组", "category": "INTEGRATED_JOINT",
                               "rndInvestment": "1000000", "ownIp": true, "marketSales": true}]}
                """.formatted(applicationId, enterpriseId));
    }

    /** A clock that stands still until moved. */
    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
