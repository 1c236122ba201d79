package cn.minhang.policy.reload;

import java.time.Instant;

import cn.minhang.policy.engine.ReloadRejectedException;

/**
 * What one reload of a rules directory did.
 *
 * @param result    swapped in, unchanged (the files hash to the version serving), or rejected
 * @param version   the version read from the directory: the one now serving, or the one rejected
 * @param serving   the version serving after the reload
 * @param rejection every problem or failing spec case, for a rejected reload; else null
 */
public record ReloadOutcome(Result result, String version, String serving, ReloadRejectedException rejection,
                            Instant at) {

    public enum Result {
        /** The new rules compiled, passed every spec case and now serve. */
        SWAPPED,
        /** The directory holds the rules already serving; nothing was compiled. */
        UNCHANGED,
        /** The new rules did not compile or failed a spec case; the rules serving before keep serving. */
        REJECTED
    }
}
