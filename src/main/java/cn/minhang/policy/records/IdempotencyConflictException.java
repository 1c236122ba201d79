package cn.minhang.policy.records;

/** An idempotency key already names a record of another application: nothing was evaluated or stored. */
public final class IdempotencyConflictException extends RuntimeException {
    private final String key;
    private final String recordId;

    public IdempotencyConflictException(String key, String recordId, String storedSha256, String givenSha256) {
        super("the idempotency key '" + key + "' was used for another application: record " + recordId
                + " has input " + storedSha256 + ", this request has input " + givenSha256);
        this.key = key;
        this.recordId = recordId;
    }

    public String key() {
        return key;
    }

    /** The record the key names. */
    public String recordId() {
        return recordId;
    }
}
