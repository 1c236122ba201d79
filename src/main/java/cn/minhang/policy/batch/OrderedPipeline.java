package cn.minhang.policy.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs {@code work} on every item on a pool of threads and hands the results to {@code sink} in the order the
 * items were submitted, on the submitting thread. At most {@code window} items are in flight: when the window is
 * full, {@link #submit} waits for the oldest items and hands them on first. Memory therefore stays bounded by the
 * window whatever the number of items, and the output order never depends on the thread count.
 *
 * <p>Items go to the threads in runs of a few (a worker that runs a few items at a time wakes, and wakes its
 * submitter, a few times less often: on two cores the hand-over of every single decision cost more system time
 * than reading the input). A run is handed over as soon as a thread is idle, so the first items of a stream are
 * not held back waiting for the next ones.
 *
 * <p>{@code work} should not throw: it returns an error result instead. If it does throw, the exception is
 * rethrown from {@link #submit} or {@link #finish}.
 */
public final class OrderedPipeline<I, O> implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final Function<I, O> work;
    private final Consumer<O> sink;
    private final int window;
    private final int run;
    private final ArrayDeque<Run<O>> inFlight = new ArrayDeque<>();
    private List<I> gathered;
    private int items;

    /** A run of items handed to a thread: its results, and how many. */
    private record Run<O>(Future<Done<O>> results, int size) {
    }

    /** The results of a run's items in order, up to the one whose work threw, if one did. */
    private record Done<O>(List<O> results, RuntimeException failure) {
    }

    public OrderedPipeline(int threads, int window, Function<I, O> work, Consumer<O> sink) {
        if (threads < 1 || window < threads) {
            throw new IllegalArgumentException("threads must be at least 1 and window at least threads");
        }
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemons());
        this.work = work;
        this.sink = sink;
        this.window = window;
        // Two runs per thread fit in the window: one running, one waiting for it.
        this.run = Math.max(1, window / (2 * threads));
        this.gathered = new ArrayList<>(run);
    }

    /** A window of a few items per thread keeps every thread busy while the sink writes. */
    public static int defaultWindow(int threads) {
        return threads * 16;
    }

    public void submit(I item) {
        while (items >= window) {
            handOnOldest();
        }
        gathered.add(item);
        items++;
        if (gathered.size() >= run || idleThread()) {
            send();
        }
        // What is already done at the head goes on now, without waiting: a stream's first results leave early.
        while (!inFlight.isEmpty() && inFlight.peek().results().isDone()) {
            handOnOldest();
        }
    }

    /** Waits for every item in flight and hands it on, in order. */
    public void finish() {
        while (items > 0) {
            handOnOldest();
        }
    }

    private boolean idleThread() {
        return pool.getQueue().isEmpty() && pool.getActiveCount() < pool.getMaximumPoolSize();
    }

    private void send() {
        List<I> sent = gathered;
        gathered = new ArrayList<>(run);
        inFlight.add(new Run<>(pool.submit(() -> {
            List<O> results = new ArrayList<>(sent.size());
            for (I item : sent) {
                try {
                    results.add(work.apply(item));
                } catch (RuntimeException e) {
                    return new Done<>(results, e);
                }
            }
            return new Done<>(results, null);
        }), sent.size()));
    }

    /** The oldest run's results, handed on; what is gathered is sent first, so no thread waits while we do. */
    private void handOnOldest() {
        if (!gathered.isEmpty()) {
            send();
        }
        Run<O> head = inFlight.poll();
        Done<O> done;
        try {
            done = head.results().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        items -= head.size();
        for (O result : done.results()) {
            sink.accept(result);
        }
        if (done.failure() != null) {
            throw done.failure();
        }
    }

    @Override
    public void close() {
        inFlight.forEach(r -> r.results().cancel(true));
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
