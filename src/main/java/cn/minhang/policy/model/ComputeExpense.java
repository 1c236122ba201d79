package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 1.2: computing power bought or rented for embodied-intelligence innovation in one year.
 *
 * @param actualCost      the actual cost paid in the year (实际费用), yuan
 * @param majorInnovation recognised as major technical innovation (重大技术创新)
 */
public record ComputeExpense(
        String id,
        int year,
        BigDecimal actualCost,
        boolean majorInnovation) {

    public ComputeExpense {
        Checks.of("ComputeExpense").id("id", id).range("year", year, 2000, 2100)
                .amount("actualCost", actualCost).done();
    }
}
