package cn.minhang.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import cn.minhang.policy.engine.*;
import cn.minhang.policy.model.*;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() {
        PolicyEngine engine = PolicyEngine.fromDirectory(java.nio.file.Path.of("rules"));
        Application app = Application.builder("A1", LocalDate.of(2026, 3, 1),
                new Enterprise("E1", "关节科技", true, true, List.of()))
                .product(new ProductRnd("P1", "关节", ComponentCategory.INTEGRATED_JOINT, new BigDecimal("8000000"), true, true))
                .product(new ProductRnd("P2", "关节2", ComponentCategory.INTEGRATED_JOINT, new BigDecimal("15000000"), true, true))
                .product(new ProductRnd("P3", "x", ComponentCategory.NOT_A_CORE_COMPONENT, new BigDecimal("15000000"), false, true))
                .computeExpense(new ComputeExpense("C1", 2026, new BigDecimal("20000000"), true))
                .computeExpense(new ComputeExpense("C2", 2026, new BigDecimal("1000000"), true))
                .otherAward(new OtherAward("O1", "市级某政策", Level.MUNICIPAL, "P1", new BigDecimal("2800000")))
                .build();
        Decision d = engine.evaluate(app, r -> System.out.println("fired: " + r));
        System.out.println(d.explain(Language.ZH));
        System.out.println(d.explain(Language.EN));
        System.out.println(d);
    }
}
