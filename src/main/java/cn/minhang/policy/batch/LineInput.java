package cn.minhang.policy.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import cn.minhang.policy.model.Limits;

/**
 * The lines of a JSONL stream (a file, stdin, a request body), read one at a time as the bytes they are made of:
 * the reader parses UTF-8 bytes directly, so a line is neither decoded to text nor encoded back. A line longer
 * than the largest application document ({@link Limits#MAX_DOCUMENT_BYTES} bytes) is not kept: it is skipped to
 * its line break and returned as too long, so that one huge line costs no more memory than a normal one.
 */
public final class LineInput implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final long size;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    /** The previous line ended with "\r": a "\n" right after it belongs to that break. */
    private boolean afterCarriageReturn;
    /** A line that does not fit in the buffer is gathered here (at most {@link Limits#MAX_DOCUMENT_BYTES}). */
    private byte[] gathered = new byte[0];

    private LineInput(InputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    /** The lines of {@code in}; {@code size} is its length in bytes if known (for progress), else -1. */
    public static LineInput of(InputStream in, long size) {
        return new LineInput(in, size);
    }

    /** One line: its bytes without the line break, or, for a line too long to keep, none. */
    public static final class Line {
        private final byte[] bytes;
        private final long length;
        private final long size;

        private Line(byte[] bytes, long length, long size) {
            this.bytes = bytes;
            this.length = length;
            this.size = size;
        }

        /** Its UTF-8 bytes, without the line break; null for a line too long to keep. */
        public byte[] bytes() {
            return bytes;
        }

        public boolean tooLong() {
            return bytes == null;
        }

        /** Its length in characters (UTF-16 code units, as a Java string counts them). */
        public long length() {
            return length >= 0 ? length : characters(bytes, 0, bytes.length);
        }

        /** The bytes it took in the input, with one for its line break. */
        public long size() {
            return size;
        }

        /** The line as text (invalid UTF-8 replaced), or null for a line too long to keep. */
        public String text() {
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The next line without its line break ("\n", "\r\n" or "\r"), or null at the end. */
    public Line next() throws IOException {
        if (afterCarriageReturn) {
            afterCarriageReturn = false;
            if ((position < limit || fill()) && buffer[position] == '\n') {
                position++;
            }
        }
        if (position >= limit && !fill()) {
            return null;
        }
        int start = position;
        int end = lineBreak(start, limit);
        if (end < limit) {
            // The common case: the whole line is in the buffer.
            byte[] bytes = Arrays.copyOfRange(buffer, start, end);
            return new Line(bytes, -1, bytes.length + breakAt(end));
        }
        return gather();
    }

    /** A line that crosses the end of the buffer: gathered up to the limit, then only counted. */
    private Line gather() throws IOException {
        long kept = 0;  // bytes of the line in gathered
        long length = 0;  // bytes of the line in all
        long characters = 0;  // of the bytes not kept
        while (true) {
            int start = position;
            int end = lineBreak(start, limit);
            int n = end - start;
            if (length + n <= Limits.MAX_DOCUMENT_BYTES) {
                if (gathered.length < kept + n) {
                    gathered = Arrays.copyOf(gathered, (int) Math.min(Limits.MAX_DOCUMENT_BYTES,
                            Math.max(kept + n, 2L * gathered.length)));
                }
                System.arraycopy(buffer, start, gathered, (int) kept, n);
                kept += n;
            } else {
                characters += characters(buffer, start, end);
            }
            length += n;
            position = end;
            if (end < limit) {
                long size = length + breakAt(end);
                return line(kept, length, characters, size);
            }
            if (!fill()) {
                return line(kept, length, characters, length + 1);
            }
        }
    }

    /** Steps over the line break at {@code end} (in the buffer); the bytes it takes, as far as they are known. */
    private int breakAt(int end) {
        afterCarriageReturn = buffer[end] == '\r';
        position = end + 1;
        return 1;
    }

    /** A line gathered to its end: the bytes kept, or, when it was too long, its characters. */
    private Line line(long kept, long length, long charactersNotKept, long size) {
        return length > Limits.MAX_DOCUMENT_BYTES
                ? new Line(null, charactersNotKept + characters(gathered, 0, (int) kept), size)
                : new Line(Arrays.copyOf(gathered, (int) kept), -1, size);
    }

    private int lineBreak(int from, int to) {
        byte[] b = buffer;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return to;
    }

    /** The UTF-16 code units the UTF-8 bytes decode to: one per sequence, two for a four-byte one. */
    static long characters(byte[] bytes, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                n += b >= 0xF0 && b <= 0xF4 ? 2 : 1;
            }
        }
        return n;
    }

    /** Reads more input into the buffer from its start; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** The size of the file, or -1 for stdin. */
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
