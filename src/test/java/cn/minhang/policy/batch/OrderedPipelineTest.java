package cn.minhang.policy.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderedPipelineTest {
    @Test
    void resultsComeOutInTheOrderItemsWentInWhateverTheOrderTheyFinish() {
        List<Integer> out = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(4, 8, i -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000));
            return i * 10;
        }, out::add)) {
            for (int i = 0; i < 2_000; i++) {
                pipeline.submit(i);
            }
            pipeline.finish();
        }
        assertThat(out).hasSize(2_000);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).isEqualTo(i * 10);
        }
    }

    @Test
    void neverHoldsMoreThanTheWindowHowEverManyItemsComeIn() {
        int window = 6;
        AtomicInteger submitted = new AtomicInteger();
        AtomicInteger handedOn = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(2, window, i -> i,
                i -> handedOn.incrementAndGet())) {
            for (int i = 0; i < 10_000; i++) {
                pipeline.submit(i);
                submitted.incrementAndGet();
                mostInFlight.accumulateAndGet(submitted.get() - handedOn.get(), Math::max);
            }
            pipeline.finish();
        }
        assertThat(handedOn.get()).isEqualTo(10_000);
        assertThat(mostInFlight.get()).isEqualTo(window);
    }

    @Test
    void anExceptionInTheWorkIsRethrownNotSwallowedAfterTheItemsBeforeIt() {
        List<Integer> out = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(2, 32, i -> {
            if (i == 3) {
                throw new IllegalStateException("item 3 failed");
            }
            return i;
        }, out::add)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    pipeline.submit(i);
                }
                pipeline.finish();
            }).isInstanceOf(IllegalStateException.class).hasMessage("item 3 failed");
        }
        assertThat(out).containsExactly(0, 1, 2);
    }

    @Test
    void aStreamsFirstItemIsNotHeldBackWaitingForTheNextOnes() throws InterruptedException {
        List<Integer> out = new ArrayList<>();
        AtomicInteger worked = new AtomicInteger();
        try (OrderedPipeline<Integer, Integer> pipeline = new OrderedPipeline<>(2, 32, i -> {
            worked.incrementAndGet();
            return i;
        }, out::add)) {
            pipeline.submit(1);
            // Eight items make a run; the threads are idle, so the first one is worked on without the others.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (worked.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(worked.get()).as("items worked on before a second one came").isEqualTo(1);
            pipeline.submit(2);
            pipeline.finish();
        }
        assertThat(out).containsExactly(1, 2);
    }
}
