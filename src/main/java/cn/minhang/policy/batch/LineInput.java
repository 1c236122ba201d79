package cn.minhang.policy.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import cn.minhang.policy.model.Limits;

/**
 * The lines of a JSONL stream (a file, stdin, a request body), read one at a time. A line longer than the largest
 * application document ({@link Limits#MAX_DOCUMENT_BYTES}) is not kept: its text is skipped to the line break and
 * it is returned as too long, so that one huge line costs no more memory than a normal one.
 */
public final class LineInput implements AutoCloseable {
    private final BufferedReader reader;
    private final long size;

    private LineInput(InputStream in, long size) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.size = size;
    }

    /** The lines of {@code in}; {@code size} is its length in bytes if known (for progress), else -1. */
    public static LineInput of(InputStream in, long size) {
        return new LineInput(in, size);
    }

    /** One line: its text, or, for a line too long to keep, null and its length. */
    public record Line(String text, long length) {
        public boolean tooLong() {
            return text == null;
        }
    }

    /** The next line without its line break ("\n", "\r\n" or "\r"), or null at the end. */
    public Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (length < Limits.MAX_DOCUMENT_BYTES) {
                text.append((char) c);
            } else if (length == Limits.MAX_DOCUMENT_BYTES) {
                text = null;
            }
            length++;
            c = reader.read();
        }
        if (c == '\r') {
            reader.mark(1);
            if (reader.read() != '\n') {
                reader.reset();
            }
        }
        return new Line(length > Limits.MAX_DOCUMENT_BYTES ? null : text.toString(), length);
    }

    /** The size of the file, or -1 for stdin. */
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
