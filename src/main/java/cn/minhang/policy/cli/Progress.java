package cn.minhang.policy.cli;

import java.io.PrintWriter;

/**
 * A progress bar on one line of stderr, redrawn at most five times a second: the share of the input done, the
 * applicants done and the rate. Silent when stderr is not a terminal.
 */
final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int BAR = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastDrawn;

    Progress(PrintWriter err, boolean enabled, long totalBytes) {
        this.err = err;
        this.enabled = enabled;
        this.totalBytes = totalBytes;
    }

    /** Whether stderr is a terminal: the launcher says so (it can test it), else the JVM's console. */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("policy.stderr.terminal");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }

    void update(long bytesDone, long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        draw(bytesDone, done, now);
    }

    void finish(long bytesDone, long done) {
        if (enabled) {
            draw(bytesDone, done, System.nanoTime());
            err.print('\n');
            err.flush();
        }
    }

    private void draw(long bytesDone, long done, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        StringBuilder line = new StringBuilder("\r");
        if (totalBytes > 0) {
            int percent = (int) Math.min(100, bytesDone * 100 / totalBytes);
            int filled = percent * BAR / 100;
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(String.format("%3d%% ", percent));
        }
        line.append(String.format("%,d applicants  %,.0f/s  %.0fs", done, done / seconds, seconds));
        err.print(line);
        err.flush();
    }
}
