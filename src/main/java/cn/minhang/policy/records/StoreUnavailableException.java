package cn.minhang.policy.records;

/**
 * The records database cannot be reached, or did not answer within the store's timeouts. Nothing was stored; the
 * request may be retried (with the same idempotency key) once the database is back.
 */
public final class StoreUnavailableException extends RecordStoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
