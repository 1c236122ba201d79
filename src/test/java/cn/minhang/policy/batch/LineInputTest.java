package cn.minhang.policy.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.model.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineInputTest {

    @Test
    void linesEndAtNewlineCarriageReturnNewlineOrCarriageReturnAndAFinalBreakAddsNoLine() throws IOException {
        assertThat(texts("a\nb\r\nc\rd\n")).containsExactly("a", "b", "c", "d");
        assertThat(texts("a\nb")).as("a last line without a break").containsExactly("a", "b");
        assertThat(texts("\n\r\n\r")).as("empty lines are lines").containsExactly("", "", "");
        assertThat(texts("a\r\rb")).as("two carriage returns are two breaks").containsExactly("a", "", "b");
        assertThat(texts("a\n\rb")).as("a newline then a carriage return are two breaks").containsExactly("a", "", "b");
        assertThat(texts("")).isEmpty();
    }

    @Test
    void aCarriageReturnAndItsNewlineInTwoReadsAreOneBreak() throws IOException {
        // A stream that gives one byte per read puts every "\r\n" across two fills of the buffer.
        assertThat(texts(oneByteAtATime("甲\r\n乙\r\n\r丙\r"))).containsExactly("甲", "乙", "", "丙");
    }

    @Test
    void aLineIsItsUtf8BytesAsTheyAreWithItsSizeCountingOneForItsBreak() throws IOException {
        byte[] invalid = {'{', (byte) 0xFF, '}', '\r', '\n', 'x'};
        try (LineInput in = LineInput.of(new ByteArrayInputStream(invalid), invalid.length)) {
            LineInput.Line first = in.next();
            assertThat(first.bytes()).containsExactly('{', (byte) 0xFF, '}');
            assertThat(first.text()).isEqualTo("{\uFFFD}");
            assertThat(first.size()).isEqualTo(4);
            assertThat(in.next().size()).isEqualTo(2);
            assertThat(in.next()).isNull();
            assertThat(in.size()).isEqualTo(invalid.length);
        }
        LineInput.Line chinese = LineInput.of(stream("七宝😀\n"), -1).next();
        assertThat(chinese.text()).isEqualTo("七宝😀");
        assertThat(chinese.length()).as("in UTF-16 code units").isEqualTo(4);
        assertThat(chinese.size()).isEqualTo(3 + 3 + 4 + 1);
    }

    @Test
    void aLineLargerThanTheReadBufferIsKeptWhole() throws IOException {
        String long1 = "甲".repeat(100_000);  // 300,000 bytes: several fills of the buffer
        String long2 = "x".repeat(Limits.MAX_DOCUMENT_BYTES);  // exactly the limit
        assertThat(texts("a\n" + long1 + "\r\n" + long2 + "\nb")).containsExactly("a", long1, long2, "b");
    }

    @Test
    void aLineOverTheLimitIsSkippedToItsBreakAndCountedInCharacters() throws IOException {
        String ascii = "x".repeat(Limits.MAX_DOCUMENT_BYTES + 1);
        String chinese = "中".repeat(Limits.MAX_DOCUMENT_BYTES / 3 + 1);  // within the limit in characters, not bytes
        try (LineInput in = LineInput.of(stream("a\n" + ascii + "\r\n" + chinese + "\rb"), -1)) {
            assertThat(in.next().text()).isEqualTo("a");
            LineInput.Line first = in.next();
            assertThat(first.tooLong()).isTrue();
            assertThat(first.bytes()).isNull();
            assertThat(first.length()).isEqualTo(ascii.length());
            LineInput.Line second = in.next();
            assertThat(second.tooLong()).isTrue();
            assertThat(second.length()).isEqualTo(chinese.length());
            assertThat(second.size()).isEqualTo(3L * chinese.length() + 1);
            assertThat(in.next().text()).isEqualTo("b");
            assertThat(in.next()).isNull();
        }
        LineInput.Line last = LineInput.of(stream("😀".repeat(Limits.MAX_DOCUMENT_BYTES / 4 + 1)), -1).next();
        assertThat(last.tooLong()).as("a last line without a break").isTrue();
        assertThat(last.length()).isEqualTo(2L * (Limits.MAX_DOCUMENT_BYTES / 4 + 1));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream oneByteAtATime(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static List<String> texts(String text) throws IOException {
        return texts(stream(text));
    }

    private static List<String> texts(InputStream stream) throws IOException {
        List<String> lines = new ArrayList<>();
        try (LineInput in = LineInput.of(stream, -1)) {
            LineInput.Line line;
            while ((line = in.next()) != null) {
                assertThat(line.tooLong()).isFalse();
                lines.add(line.text());
            }
        }
        return lines;
    }
}
