package cn.minhang.policy.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.ComputeExpense;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.model.Purchase;

/**
 * How one evaluation grows with the number of facts: n purchases (one aggregate cap), n compute expenses in one
 * year (another), n products that are also the subjects of n other-policy awards. Linear growth doubles the time
 * per fact-doubling; a join that grows with the square of the facts quadruples it.
 */
public final class Scaling {
    static Application withFacts(int n) {
        Application.Builder b = Application.builder("S" + n, LocalDate.of(2026, 3, 1),
                new Enterprise("E1", "企业", true, true, List.of()));
        for (int i = 0; i < n; i++) {
            b.purchase(new Purchase("B" + i, "产品", "S", false, true, true, new BigDecimal(1_000_000 + i)));
            b.computeExpense(new ComputeExpense("C" + i, 2026, new BigDecimal(2_000_000 + i), true));
            b.product(new ProductRnd("P" + i, "部件", ComponentCategory.SENSOR, new BigDecimal(3_000_000 + i), true, true));
            b.otherAward(new OtherAward("A" + i, "其他", Level.MUNICIPAL, "P" + i, new BigDecimal(500_000 + 2 * i)));
        }
        return b.build();
    }

    public static void main(String[] args) {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        Interleaved runs = new Interleaved();
        for (int n : new int[] {5, 10, 20, 40, 80}) {
            Application a = withFacts(n);
            runs.add(String.format("%3d of each (%d facts) engine", n, a.facts().size()), () -> engine.evaluate(a));
            runs.add(String.format("%3d of each (%d facts) baseline", n, a.facts().size()), () -> Baseline.decide(a));
        }
        runs.run(2, 5, 300);
    }
}
