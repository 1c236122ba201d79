package cn.minhang.policy.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-process figures: {@code ./policy batch} on 1,000,000 generated applicants and {@code ./policy evaluate}
 * of one example, each against a plain-Java process doing the same work with the baseline.
 */
final class EndToEnd {
    private final boolean quick;
    private final Suite.Report report;

    EndToEnd(boolean quick, Suite.Report report) {
        this.quick = quick;
        this.report = report;
    }

    private boolean launcherMissing(String figure) {
        if (Files.isExecutable(Path.of("policy"))) {
            return false;
        }
        report.row(figure, "not measured: no ./policy launcher in this checkout", "", "", "", "");
        return true;
    }

    void batch() {
        System.out.println("== batch: 1,000,000 generated applicants through ./policy batch");
        if (launcherMissing("batch, 1,000,000 generated applicants")) {
            return;
        }
        throw new UnsupportedOperationException("batch figures come with the command line");
    }

    void cli() {
        System.out.println("== cli: ./policy evaluate of one example, from process start");
        if (launcherMissing("CLI evaluate, process start to first decision")) {
            return;
        }
        throw new UnsupportedOperationException("CLI figures come with the command line");
    }
}
