package cn.minhang.policy.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BulkOutputTest {
    @TempDir
    Path dir;

    @Test
    void aFileHoldsExactlyTheBytesWrittenWhereverTheLastBlockEnds() throws IOException {
        Random random = new Random(7);
        int[] sizes = {0, 1, 4095, 4096, 4097, BulkOutput.BUFFER - 1, BulkOutput.BUFFER, BulkOutput.BUFFER + 1,
            3 * BulkOutput.BUFFER + 12_345};
        for (int size : sizes) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            Path file = dir.resolve("out-" + size + ".jsonl");
            try (OutputStream out = BulkOutput.open(file)) {
                // Written as a batch writes: lines of different lengths, and single bytes between them.
                int at = 0;
                while (at < size) {
                    int n = Math.min(size - at, 1 + random.nextInt(9_000));
                    out.write(bytes, at, n - 1);
                    out.write(bytes[at + n - 1]);
                    at += n;
                }
            }
            assertThat(Files.readAllBytes(file)).as("%d bytes", size).isEqualTo(bytes);
        }
    }

    @Test
    void onADiskFileSystemTheBytesGoPastThePageCache() throws IOException {
        // The build's own directory sits on the checkout's disk, whose file systems (ext4, xfs) take direct writes.
        Path file = Files.createTempFile(Path.of("target"), "bulk-output-", ".jsonl");
        try (OutputStream out = BulkOutput.open(file)) {
            assertThat(BulkOutput.isDirect(out)).as("direct on %s", Files.getFileStore(file).type()).isTrue();
            out.write("{\"line\":1}\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            assertThat(Files.readString(file)).isEqualTo("{\"line\":1}\n");
            Files.delete(file);
        }
    }

    @Test
    void aLongerFileReplacedIsCutToTheNewBytes() throws IOException {
        Path file = dir.resolve("decisions.jsonl");
        Files.write(file, new byte[3 * BulkOutput.BUFFER]);
        try (OutputStream out = BulkOutput.open(file)) {
            out.write(new byte[] {'a', '\n'});
        }
        assertThat(Files.readString(file)).isEqualTo("a\n");
    }

    @Test
    void aDeviceGetsAnOrdinaryBufferedStream() throws IOException {
        try (OutputStream out = BulkOutput.open(Path.of("/dev/null"))) {
            assertThat(BulkOutput.isDirect(out)).isFalse();
            out.write(new byte[5000]);
        }
    }
}
