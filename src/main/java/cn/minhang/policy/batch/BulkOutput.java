package cn.minhang.policy.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * A file for a batch's output: gigabytes written once, in order, and not read back by this process. Where the
 * file system allows it, the bytes go to the file past the operating system's page cache ({@code O_DIRECT}), in
 * whole aligned blocks of one megabyte: copying them into the cache first, and writing the dirty pages back
 * afterwards, would cost more CPU than the disk's own transfer (writing 5.6 GB on a machine of this project's
 * kind: 13 s of system time through the cache, 0.3 s past it).
 *
 * <p>Elsewhere (a file system without direct I/O such as tmpfs, a device such as {@code /dev/null}, a pipe) the
 * output is an ordinary buffered stream. Either way the file holds exactly the bytes written, once closed.
 */
public final class BulkOutput {
    /** The size of the aligned buffer, and of every write but the last: a multiple of any block size met. */
    static final int BUFFER = 1 << 20;

    private BulkOutput() {
    }

    /** The file at {@code path}, created or emptied, for writing. */
    public static OutputStream open(Path path) throws IOException {
        if (!Files.exists(path) || Files.isRegularFile(path)) {
            OutputStream direct = Direct.open(path);
            if (direct != null) {
                return direct;
            }
        }
        return new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    }

    /** Whether {@code out} writes past the page cache (for the tests). */
    static boolean isDirect(OutputStream out) {
        return out instanceof Direct;
    }

    /**
     * Writes whole blocks from an aligned buffer; on close the last, partial block is written padded with zeros
     * and the file is cut back to the bytes written.
     */
    private static final class Direct extends OutputStream {
        private final FileChannel channel;
        private final ByteBuffer buffer;
        private final int block;
        private long written;
        private boolean closed;

        private Direct(FileChannel channel, ByteBuffer buffer, int block) {
            this.channel = channel;
            this.buffer = buffer;
            this.block = block;
        }

        /**
         * The file opened for direct writes and tried with one block, or null where the platform or the file
         * system refuses them (then nothing is left open).
         */
        static Direct open(Path path) {
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT);
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return null;
            }
            try {
                long size = Files.getFileStore(path).getBlockSize();
                if (size <= 0 || size > BUFFER || Long.bitCount(size) != 1) {
                    channel.close();
                    return null;
                }
                int block = (int) Math.max(4096, size);
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER + block).alignedSlice(block);
                buffer.limit(block);
                // Some file systems open a file for direct I/O and refuse the writes: try one block first.
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.truncate(0);
                channel.position(0);
                buffer.clear().limit(BUFFER);
                return new Direct(channel, buffer, block);
            } catch (IOException | UnsupportedOperationException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing was written that the buffered stream opened next does not truncate.
                }
                return null;
            }
        }

        @Override
        public void write(int b) throws IOException {
            buffer.put((byte) b);
            written++;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.remaining());
                buffer.put(b, off, n);
                off += n;
                len -= n;
                written += n;
                if (!buffer.hasRemaining()) {
                    drain();
                }
            }
        }

        private void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear().limit(BUFFER);
        }

        /** Nothing: only whole blocks can be written before the end. */
        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (channel) {
                int tail = buffer.position();
                if (tail > 0) {
                    int padded = (tail + block - 1) / block * block;
                    while (buffer.position() < padded) {
                        buffer.put((byte) 0);
                    }
                    drain();
                }
                channel.truncate(written);
            }
        }
    }
}
