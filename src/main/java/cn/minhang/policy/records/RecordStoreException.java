package cn.minhang.policy.records;

/** The record store failed: a statement was refused, or the stored data is not what it should be. */
public class RecordStoreException extends RuntimeException {
    public RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
