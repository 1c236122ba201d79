package cn.minhang.policy.bench;

import java.util.List;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.population.PopulationGenerator;

/**
 * The generated populations the throughput figures are measured on: the library's realistic population
 * ({@link PopulationGenerator}, the one {@code ./policy generate} writes and the batch figure reads), and a
 * population of typical applicants (one to three subjects of the commonest measures).
 */
public final class Populations {
    /** The seed every figure of the suite uses. */
    public static final long SEED = 20250101L;

    private Populations() {
    }

    /** {@code count} typical applicants drawn from {@link #SEED}. */
    public static List<Application> generate(int count) {
        return Applicants.population(SEED, count, Applicants.Profile.TYPICAL);
    }

    /** The first {@code count} applicants of the library generator's population for {@link #SEED}. */
    public static List<Application> generator(int count) {
        return new PopulationGenerator(SEED).stream(count).toList();
    }

    /** "generator" or "typical". */
    public static List<Application> of(String population, int count) {
        return population.equals("generator") ? generator(count) : generate(count);
    }
}
