package cn.minhang.policy.bench;

import java.util.List;

import cn.minhang.policy.model.Application;

/** The generated population the throughput and batch figures are measured on. */
public final class Populations {
    /** The seed every figure of the suite uses. */
    public static final long SEED = 20250101L;

    private Populations() {
    }

    /** {@code count} typical applicants drawn from {@link #SEED}. */
    public static List<Application> generate(int count) {
        return Applicants.population(SEED, count, Applicants.Profile.TYPICAL);
    }
}
