package cn.minhang.policy.props;

import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small property runner: a property is checked on {@code tries} generated values, each drawn from a random
 * source seeded by the run's seed, the property's name and the try's number, so that a run is the same on
 * every machine and a failure names what reproduces it. A failing value is shrunk (facts removed one at a time
 * while it still fails) before it is reported.
 *
 * <p>Defaults keep the build fast; a longer run sets {@code -Dpolicy.tries=N} (tries of every property) and
 * {@code -Dpolicy.seed=S} ({@code random} for a fresh one, printed). See {@code docs/reliability.md}.
 */
final class Property {
    static final long SEED = seed();
    private static final int MAX_SHRINK_STEPS = 500;

    private Property() {
    }

    private static long seed() {
        String s = System.getProperty("policy.seed", "20260301");
        return "random".equals(s) ? new SplittableRandom().nextLong() : Long.parseLong(s);
    }

    /** The tries of a property: {@code -Dpolicy.tries} if set, else {@code defaultTries}. */
    static int tries(int defaultTries) {
        return Integer.getInteger("policy.tries", defaultTries);
    }

    /** The random source of one try: independent of every other try and of the order they run in. */
    static SplittableRandom random(String property, int tryNumber) {
        long mixed = SEED * 0x9E3779B97F4A7C15L + property.hashCode() * 0xBF58476D1CE4E5B9L + tryNumber;
        return new SplittableRandom(mixed);
    }

    /**
     * Checks {@code property} on {@code tries} values of {@code generator}; on the first failure, shrinks the
     * value with {@code shrinker} and fails with the smallest failing value, shown by {@code show}.
     *
     * @return the number of tries made
     */
    static <T> int check(String name, int tries, Function<SplittableRandom, T> generator,
                         Function<T, Stream<T>> shrinker, Function<T, String> show, Consumer<T> property) {
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(random(name, i));
            Throwable failure = failure(property, value);
            if (failure != null) {
                int steps = 0;
                boolean shrunk = true;
                while (shrunk && steps < MAX_SHRINK_STEPS) {
                    shrunk = false;
                    for (Iterator<T> it = shrinker.apply(value).iterator(); it.hasNext() && steps < MAX_SHRINK_STEPS; ) {
                        T smaller = it.next();
                        steps++;
                        Throwable again = failure(property, smaller);
                        if (again != null) {
                            value = smaller;
                            failure = again;
                            shrunk = true;
                            break;
                        }
                    }
                }
                throw new AssertionError("property '" + name + "' failed on try " + (i + 1) + " of " + tries
                        + " (seed " + SEED + "; rerun with -Dpolicy.seed=" + SEED + "): " + failure.getMessage()
                        + "\nsmallest failing value (" + steps + " shrink attempts):\n" + show.apply(value), failure);
            }
        }
        System.out.printf("[property] %s: %d tries passed (seed %d)%n", name, tries, SEED);
        return tries;
    }

    private static <T> Throwable failure(Consumer<T> property, T value) {
        try {
            property.accept(value);
            return null;
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError vm && !(e instanceof StackOverflowError)) {
                throw vm;
            }
            return e;
        }
    }
}
