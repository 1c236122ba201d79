package cn.minhang.policy.service;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrency and time limits of evaluation. At most {@link ServiceConfig#maxConcurrent()} evaluations (or
 * batches, or reloads) run at once; one more is refused at once with 429 and Retry-After rather than queued. An
 * evaluation that runs past {@link ServiceConfig#timeLimit()} is answered with 503; it keeps its place among the
 * concurrent ones until it really ends, so that a run of slow evaluations cannot pile up unbounded work.
 */
public final class EvaluationPool implements AutoCloseable {
    private final Semaphore permits;
    private final ExecutorService workers;
    private final Duration timeLimit;
    private final long retryAfterSeconds;
    private final int capacity;

    EvaluationPool(ServiceConfig config) {
        this.capacity = config.maxConcurrent();
        this.permits = new Semaphore(capacity);
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(capacity, capacity, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "policy-evaluation-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.timeLimit = config.timeLimit();
        this.retryAfterSeconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
    }

    /** A place among the concurrent evaluations, held until closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a place for work that runs on the caller's thread (a batch, a reload).
     *
     * @throws ApiError 429 with Retry-After when every place is taken
     */
    public Permit acquire() {
        if (!permits.tryAcquire()) {
            throw tooMany();
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
    }

    /**
     * Runs {@code work} within the limits and returns its result.
     *
     * @throws ApiError 429 when every place is taken, 503 when it runs past the time limit; an unchecked exception
     *                  of {@code work} is rethrown as it is
     */
    public <T> T run(Callable<T> work) {
        if (!permits.tryAcquire()) {
            throw tooMany();
        }
        AtomicBoolean started = new AtomicBoolean();
        Future<T> future = workers.submit(() -> {
            if (!started.compareAndSet(false, true)) {
                return null;  // given up before it started; its place was given back then
            }
            try {
                return work.call();
            } finally {
                permits.release();
            }
        });
        try {
            return future.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (started.compareAndSet(false, true)) {
                permits.release();
            }
            future.cancel(true);
            throw ApiError.retryLater(503, ApiError.TIME_LIMIT, "the evaluation took longer than its limit of "
                    + timeLimit.toMillis() + " ms", retryAfterSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The places free now. */
    public int available() {
        return permits.availablePermits();
    }

    public int capacity() {
        return capacity;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private ApiError tooMany() {
        return ApiError.retryLater(429, ApiError.TOO_MANY_REQUESTS, "the service is evaluating " + capacity
                + " requests, its limit; try again shortly", retryAfterSeconds);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
