package cn.minhang.policy.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The lines of a JSONL file (or stdin for "-"), read one at a time. */
final class LineInput implements AutoCloseable {
    private final BufferedReader reader;
    private final long size;

    private LineInput(InputStream in, long size) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.size = size;
    }

    static LineInput open(String file) {
        if ("-".equals(file)) {
            return new LineInput(System.in, -1);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new CliException(PolicyCli.INVALID_INPUT, "input file " + file + " does not exist");
        }
        try {
            return new LineInput(Files.newInputStream(path), Files.size(path));
        } catch (IOException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next line without its line break, or null at the end. */
    String next() throws IOException {
        return reader.readLine();
    }

    /** The size of the file, or -1 for stdin. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
