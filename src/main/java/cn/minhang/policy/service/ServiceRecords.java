package cn.minhang.policy.service;

import java.util.Objects;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.records.RecordStore;
import cn.minhang.policy.records.Recorder;
import cn.minhang.policy.records.RecordsConfig;
import cn.minhang.policy.records.Replayer;
import cn.minhang.policy.records.StoreUnavailableException;
import cn.minhang.policy.reload.ReloadOutcome;
import cn.minhang.policy.reload.RulesManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's decision records (docs/records.md): the store, opened when the service starts and again on a
 * later request if the database could not be reached then, the recorder and the replayer of the engine serving,
 * and the archiving of every rules version the moment it starts to serve.
 */
public final class ServiceRecords implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceRecords.class);
    /** A failed attempt to open the store is not repeated for this long: requests meanwhile fail at once. */
    private static final long REOPEN_NANOS = 1_000_000_000L;

    private final RecordsConfig config;
    private volatile RecordStore store;
    private volatile Recorder recorder;
    private volatile Replayer replayer;
    private volatile PolicyEngine engine;
    private StoreUnavailableException lastFailure;
    private long lastAttempt;
    private boolean closed;

    ServiceRecords(RecordsConfig config) {
        this.config = config;
    }

    /** Whether records are configured at all. */
    public boolean enabled() {
        return config != null;
    }

    public RecordsConfig config() {
        return config;
    }

    /**
     * The store, opening it if it is not open yet.
     *
     * @throws ApiError                  404 if the service keeps no records
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public RecordStore store() {
        RecordStore open = store;
        if (open != null) {
            return open;
        }
        if (config == null) {
            throw new ApiError(404, ApiError.NOT_FOUND, "this service keeps no decision records");
        }
        synchronized (this) {
            if (store != null) {
                return store;
            }
            if (closed) {
                throw new StoreUnavailableException("the service is stopping", null);
            }
            long now = System.nanoTime();
            if (lastFailure != null && now - lastAttempt < REOPEN_NANOS) {
                throw lastFailure;
            }
            lastAttempt = now;
            try {
                store = RecordStore.open(config);
                lastFailure = null;
                LOG.info("decision records are kept in {}", config.describe());
                return store;
            } catch (StoreUnavailableException e) {
                lastFailure = e;
                LOG.debug("{}", e.getMessage());  // the route that needed it logs it
                throw e;
            }
        }
    }

    /**
     * Whether the decision records can be written now: true when the service keeps none; otherwise the store must
     * open and its database answer a trivial query within the connection and query timeouts.
     */
    public boolean available() {
        if (config == null) {
            return true;
        }
        try {
            return store().isAvailable();
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    /** Archives the rules serving now and every version swapped in later, as it starts to serve. */
    void attach(RulesManager rules) {
        this.engine = rules.engine();
        rules.onReload(outcome -> {
            if (outcome.result() == ReloadOutcome.Result.SWAPPED) {
                archiveServing();
            }
        });
        if (config != null) {
            archiveServing();
        }
    }

    private void archiveServing() {
        try {
            recorder().archive(engine.rules());
        } catch (RuntimeException e) {
            // The recorder archives a version again before it records a decision of it.
            LOG.warn("the rules {} could not be archived yet: {}", engine.rules().version(), e.getMessage());
        }
    }

    /** The recorder of the engine serving. */
    public Recorder recorder() {
        RecordStore open = store();
        Recorder r = recorder;
        if (r == null) {
            synchronized (this) {
                if (recorder == null) {
                    recorder = new Recorder(open, Objects.requireNonNull(engine, "engine"));
                }
                r = recorder;
            }
        }
        return r;
    }

    /** The replayer, on the archive and on the engine serving. */
    public Replayer replayer() {
        RecordStore open = store();
        Replayer r = replayer;
        if (r == null) {
            synchronized (this) {
                if (replayer == null) {
                    replayer = new Replayer(open, Objects.requireNonNull(engine, "engine"));
                }
                r = replayer;
            }
        }
        return r;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }
}
