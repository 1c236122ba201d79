package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The files a command writes, opened before its work starts: a file that cannot be written (no such directory,
 * a directory, no permission) is an invalid option, exit code 2, named with its option before anything is
 * evaluated, not found after a batch has run.
 */
final class Outputs {
    /** Opens a file for writing. */
    interface Opener<T> {
        T open() throws IOException;
    }

    private Outputs() {
    }

    /** What {@code opener} opens for {@code option}'s {@code file}, or the error "cannot write -o FILE: why". */
    static <T> T open(String option, Path file, Opener<T> opener) {
        try {
            return opener.open();
        } catch (IOException e) {
            String reason = PolicyCli.fileReason(e);
            throw new CliException(PolicyCli.INVALID_INPUT, "cannot write " + option + " " + file + ": "
                    + (reason == null ? PolicyCli.fileProblem(e) : reason), e);
        }
    }
}
