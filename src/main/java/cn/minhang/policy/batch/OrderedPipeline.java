package cn.minhang.policy.batch;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs {@code work} on every item on a pool of threads and hands the results to {@code sink} in the order the
 * items were submitted, on the submitting thread. At most {@code window} items are in flight: when the window is
 * full, {@link #submit} waits for the oldest item and hands it on first. Memory therefore stays bounded by the
 * window whatever the number of items, and the output order never depends on the thread count.
 *
 * <p>{@code work} should not throw: it returns an error result instead. If it does throw, the exception is
 * rethrown from {@link #submit} or {@link #finish}.
 */
public final class OrderedPipeline<I, O> implements AutoCloseable {
    private final ExecutorService pool;
    private final Function<I, O> work;
    private final Consumer<O> sink;
    private final int window;
    private final ArrayDeque<Future<O>> inFlight;

    public OrderedPipeline(int threads, int window, Function<I, O> work, Consumer<O> sink) {
        if (threads < 1 || window < threads) {
            throw new IllegalArgumentException("threads must be at least 1 and window at least threads");
        }
        this.pool = Executors.newFixedThreadPool(threads, daemons());
        this.work = work;
        this.sink = sink;
        this.window = window;
        this.inFlight = new ArrayDeque<>(window);
    }

    /** A window of a few items per thread keeps every thread busy while the sink writes. */
    public static int defaultWindow(int threads) {
        return threads * 16;
    }

    public void submit(I item) {
        while (inFlight.size() >= window) {
            sink.accept(take());
        }
        inFlight.add(pool.submit(() -> work.apply(item)));
        // What is already done at the head goes on now, without waiting: a stream's first results leave early.
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            sink.accept(take());
        }
    }

    /** Waits for every item in flight and hands it on, in order. */
    public void finish() {
        while (!inFlight.isEmpty()) {
            sink.accept(take());
        }
    }

    private O take() {
        Future<O> head = inFlight.poll();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        pool.shutdownNow();
    }

    private static ThreadFactory daemons() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "policy-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
