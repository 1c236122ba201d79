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
            throw new CliException(PolicyCli.INVALID_INPUT, "cannot write " + option + " " + file + ": "
                    + reason(e, file), e);
        }
    }

    /** {@link PolicyCli#fileProblem} without the file's name, which the message gives once already. */
    private static String reason(IOException e, Path file) {
        String problem = PolicyCli.fileProblem(e);
        String prefix = file + ": ";
        return problem.startsWith(prefix) ? problem.substring(prefix.length()) : problem;
    }
}
