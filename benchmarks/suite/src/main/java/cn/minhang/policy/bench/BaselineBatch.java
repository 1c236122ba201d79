package cn.minhang.policy.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The baseline's batch: reads a JSONL population exactly as {@code ./policy batch} reads it (the library's
 * {@link LineInput} and {@link ApplicationReader#fromJson(byte[])}, the very calls of its batch), decides every
 * line with the plain-Java {@link Baseline} on every core, and writes one JSON line per applicant as UTF-8 bytes,
 * in input order (line number, id, total and each line's clause, subject, status and amount), then the grand
 * total. The floor for {@code ./policy batch}: the same input and parsing, no rule engine and no explanations.
 *
 * <p>{@code java -cp ... cn.minhang.policy.bench.BaselineBatch IN.jsonl OUT.jsonl}
 */
public final class BaselineBatch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 8192;

    public static void main(String[] args) throws IOException {
        BigDecimal total = BigDecimal.ZERO;
        long count = 0;
        Path input = Path.of(args[0]);
        try (LineInput in = LineInput.of(Files.newInputStream(input), Files.size(input));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[1])), 1 << 16)) {
            List<LineInput.Line> chunk = new ArrayList<>(CHUNK);
            LineInput.Line line;
            while (true) {
                line = in.next();
                if (line != null) {
                    chunk.add(line);
                }
                if (chunk.size() == CHUNK || line == null && !chunk.isEmpty()) {
                    long first = count + 1;
                    List<LineInput.Line> lines = chunk;
                    List<Object[]> decided = java.util.stream.IntStream.range(0, lines.size()).parallel()
                            .mapToObj(i -> decide(first + i, lines.get(i))).toList();
                    for (Object[] d : decided) {
                        out.write((byte[]) d[0]);
                        out.write('\n');
                        total = total.add((BigDecimal) d[1]);
                    }
                    count += lines.size();
                    chunk = new ArrayList<>(CHUNK);
                }
                if (line == null) {
                    break;
                }
            }
        }
        System.out.println(count + " applicants, granted in all " + total.toPlainString());
    }

    static Object[] decide(long number, LineInput.Line line) {
        if (line.tooLong()) {
            throw new IllegalArgumentException("line " + number + " has " + line.length() + " characters");
        }
        Application a = ApplicationReader.fromJson(line.bytes());
        Baseline.Result r = Baseline.decide(a);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("line", number);
        doc.put("applicationId", a.id());
        doc.put("total", r.total().toPlainString());
        ArrayNode lines = doc.putArray("lines");
        for (Baseline.Line l : r.lines()) {
            lines.addObject().put("clause", l.clause()).put("subject", l.subject()).put("status", l.status().name())
                    .put("amount", l.amount().toPlainString());
        }
        try {
            return new Object[] {JSON.writeValueAsBytes(doc), r.total()};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
