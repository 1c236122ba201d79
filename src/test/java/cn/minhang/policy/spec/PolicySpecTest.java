package cn.minhang.policy.spec;

import java.nio.file.Path;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.fail;

/** Every case of every spec file under {@code specs/}, as a test of its own, grouped by spec file. */
class PolicySpecTest {
    static final Path RULES = Path.of("rules");
    static final Path SPECS = Path.of("specs");

    @TestFactory
    Stream<DynamicNode> specs() {
        SpecRunner runner = new SpecRunner(PolicyEngine.fromDirectory(RULES));
        return SpecRunner.load(SPECS).stream()
                .collect(java.util.stream.Collectors.groupingBy(SpecCase::file, java.util.TreeMap::new,
                        java.util.stream.Collectors.toList()))
                .entrySet().stream()
                .map(file -> DynamicContainer.dynamicContainer(file.getKey(), file.getValue().stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                            SpecResult result = runner.run(c);
                            if (!result.passed()) {
                                fail(c.file() + " — " + c.name() + "\n" + result.report());
                            }
                        }))));
    }
}
