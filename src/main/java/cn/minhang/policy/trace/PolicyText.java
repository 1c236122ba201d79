package cn.minhang.policy.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy text split into sentences, in order: the title, the preamble, each measure's heading and sentences,
 * and the closing paragraph. A sentence ends with 。 outside quotation marks; the title lines, broken over
 * several lines in the seed, are one sentence. Word-processor residue such as {@code [bookmark: _GoBack]} is
 * dropped.
 */
public final class PolicyText {

    /** Where a sentence stands in the text. */
    public enum Kind {
        /** The title and the draft note. */
        TITLE,
        /** The preamble: the purpose of the measures. */
        PREAMBLE,
        /** The heading of a measure ("1.支持核心零部件与技术研发。"). */
        HEADING,
        /** A sentence of a measure. */
        MEASURE,
        /** A sentence of the closing paragraph. */
        CLOSING
    }

    /**
     * One sentence.
     *
     * @param id      "title-1", "preamble-1", "1-0" (the heading of measure 1), "1-2", "closing-1"
     * @param measure the measure (1 to 14), 0 for the title and preamble, 15 for the closing paragraph
     * @param line    the line of the seed file it is on
     */
    public record Sentence(String id, Kind kind, int measure, int index, String text, int line) {
    }

    private static final Pattern MEASURE_START = Pattern.compile("^(\\d{1,2})\\.(.*)$");
    private static final Pattern RESIDUE = Pattern.compile("\\[bookmark:[^]]*]");

    private final List<Sentence> sentences;

    private PolicyText(List<Sentence> sentences) {
        this.sentences = List.copyOf(sentences);
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    /** The text without its residue, for checking that the sentences cover all of it. */
    public static String clean(String text) {
        return RESIDUE.matcher(text).replaceAll("");
    }

    public static PolicyText parse(String text) {
        List<Sentence> out = new ArrayList<>();
        String[] lines = clean(text).split("\n", -1);
        StringBuilder title = new StringBuilder();
        int titleLine = 0;
        int titleCount = 0;
        boolean bodyStarted = false;
        int preamble = 0;
        int closing = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = MEASURE_START.matcher(line);
            if (!bodyStarted && !line.contains("。")) {
                // The title, possibly broken over lines; a bracketed note such as （征求意见稿） stands alone.
                if (line.startsWith("（") && line.endsWith("）")) {
                    if (!title.isEmpty()) {
                        out.add(new Sentence("title-" + ++titleCount, Kind.TITLE, 0, titleCount, title.toString(), titleLine));
                        title.setLength(0);
                    }
                    out.add(new Sentence("title-" + ++titleCount, Kind.TITLE, 0, titleCount, line, lineNo));
                } else {
                    if (title.isEmpty()) {
                        titleLine = lineNo;
                    }
                    title.append(line);
                }
                continue;
            }
            if (!title.isEmpty()) {
                out.add(new Sentence("title-" + ++titleCount, Kind.TITLE, 0, titleCount, title.toString(), titleLine));
                title.setLength(0);
            }
            bodyStarted = true;
            if (m.matches()) {
                int measure = Integer.parseInt(m.group(1));
                List<String> parts = split(line);
                for (int k = 0; k < parts.size(); k++) {
                    out.add(new Sentence(measure + "-" + k, k == 0 ? Kind.HEADING : Kind.MEASURE, measure, k, parts.get(k),
                            lineNo));
                }
            } else if (out.stream().anyMatch(s -> s.kind() == Kind.HEADING)) {
                for (String part : split(line)) {
                    closing++;
                    out.add(new Sentence("closing-" + closing, Kind.CLOSING, 15, closing, part, lineNo));
                }
            } else {
                for (String part : split(line)) {
                    preamble++;
                    out.add(new Sentence("preamble-" + preamble, Kind.PREAMBLE, 0, preamble, part, lineNo));
                }
            }
        }
        return new PolicyText(out);
    }

    /** Splits a paragraph after each 。 that is outside “…”. */
    static List<String> split(String paragraph) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            char c = paragraph.charAt(i);
            if (c == '“') {
                depth++;
            } else if (c == '”') {
                depth = Math.max(0, depth - 1);
            } else if (c == '。' && depth == 0) {
                out.add(paragraph.substring(start, i + 1).strip());
                start = i + 1;
            }
        }
        if (start < paragraph.length() && !paragraph.substring(start).isBlank()) {
            out.add(paragraph.substring(start).strip());
        }
        return out;
    }
}
