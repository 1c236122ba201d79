package cn.minhang.policy.trace;

import java.util.ArrayList;
import java.util.List;

/** Quotations of the policy text in rule comments, and where they are found in the text. */
final class Quotes {
    private Quotes() {
    }

    /** The outermost “…” quotations in a comment, in order (a quotation may hold an inner “…” of its own). */
    static List<String> in(String comment) {
        String text = comment.replaceAll("\\n\\s*", "");
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '“') {
                if (depth++ == 0) {
                    start = i + 1;
                }
            } else if (c == '”' && depth > 0) {
                if (--depth == 0) {
                    String q = text.substring(start, i).strip();
                    if (!q.isEmpty()) {
                        out.add(q);
                    }
                }
            }
        }
        return out;
    }

    /** A quotation split into the sentences it spans (at 。). */
    static List<String> sentencesOf(String quote) {
        List<String> out = new ArrayList<>();
        for (String part : normalize(quote).split("。")) {
            if (!part.isBlank()) {
                out.add(part);
            }
        }
        return out;
    }

    /** Whether every piece of {@code quotation} (pieces are separated by …… or …) is in {@code sentence}, in order. */
    static boolean foundIn(String quotation, String sentence) {
        String s = normalize(sentence);
        int from = 0;
        int length = 0;
        for (String piece : normalize(quotation).split("…+")) {
            if (piece.isEmpty()) {
                continue;
            }
            int at = s.indexOf(piece, from);
            if (at < 0) {
                return false;
            }
            from = at + piece.length();
            length += piece.length();
        }
        return length >= 2;
    }

    /** Without spaces, quotation marks and the final 。, so that ‘…’ in a comment matches “…” in the text. */
    static String normalize(String s) {
        String t = s.replaceAll("[\\s“”‘’\"'「」『』]", "");
        while (t.endsWith("。")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
