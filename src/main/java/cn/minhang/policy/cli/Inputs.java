package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.minhang.policy.batch.LineInput;

/** The JSONL input of a command: a file, or stdin for "-". */
final class Inputs {
    private Inputs() {
    }

    static LineInput lines(String file) {
        if ("-".equals(file)) {
            return LineInput.of(System.in, -1);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new CliException(PolicyCli.INVALID_INPUT, "input file " + file
                    + (Files.exists(path) ? " is not a file" : " does not exist"));
        }
        try {
            return LineInput.of(Files.newInputStream(path), Files.size(path));
        } catch (IOException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
