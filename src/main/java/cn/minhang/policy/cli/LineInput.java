package cn.minhang.policy.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The lines of a JSONL file (or stdin for "-"), read one at a time, counting the bytes read for progress. */
final class LineInput implements AutoCloseable {
    private final BufferedReader reader;
    private final Counting counting;
    private final long size;

    private LineInput(InputStream in, long size) {
        this.counting = new Counting(in);
        this.reader = new BufferedReader(new InputStreamReader(counting, StandardCharsets.UTF_8), 1 << 16);
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

    long bytesRead() {
        return counting.count;
    }

    /** The size of the file, or -1 for stdin. */
    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
