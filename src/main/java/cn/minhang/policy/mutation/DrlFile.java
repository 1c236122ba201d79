package cn.minhang.policy.mutation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DRL file read into tokens and rules, with every offset kept, so that a change can be made to the exact
 * characters of a condition, an operator or a number and the rest of the file left as it was.
 *
 * <p>This is not a DRL parser: it knows comments, strings, numbers, identifiers and operators, and the shape
 * of a rule ({@code rule "name"}, attributes and {@code @metadata}, {@code when}, {@code then}, {@code end}).
 * That is all the mutation tester and the traceability report need.
 */
public final class DrlFile {

    /** What a token is. Whitespace and comments are tokens too, so that the tokens cover the whole text. */
    public enum Kind { SPACE, LINE_COMMENT, BLOCK_COMMENT, STRING, NUMBER, IDENT, OPERATOR, PUNCT }

    /**
     * One token.
     *
     * @param start offset of the first character
     * @param end   offset after the last character
     * @param line  1-based line of the first character
     */
    public record Token(Kind kind, String text, int start, int end, int line) {
        public boolean is(String s) {
            return text.equals(s) && kind != Kind.STRING && kind != Kind.LINE_COMMENT && kind != Kind.BLOCK_COMMENT;
        }

        boolean isCode() {
            return kind != Kind.SPACE && kind != Kind.LINE_COMMENT && kind != Kind.BLOCK_COMMENT;
        }

        /** The text of a string literal without its quotes, escapes resolved. */
        public String stringValue() {
            if (kind != Kind.STRING) {
                throw new IllegalStateException("not a string: " + text);
            }
            return unescape(text.substring(1, text.length() - 1));
        }
    }

    /**
     * One rule.
     *
     * @param name          the rule's name
     * @param line          the line of {@code rule "…"}
     * @param start         offset of {@code rule}
     * @param end           offset after {@code end}
     * @param metadata      {@code @key("value")} in order (a key without a value maps to "")
     * @param commentAbove  the {@code //} comment lines directly above the rule, without the slashes
     * @param commentLine   the line of the first of those comment lines (the rule's line if there are none)
     * @param lhs           the tokens between {@code when} and {@code then}
     * @param rhs           the tokens between {@code then} and {@code end}
     */
    public record Rule(String name, int line, int start, int end, Map<String, String> metadata,
                       List<String> commentAbove, int commentLine, List<Token> lhs, List<Token> rhs) {

        public String clause() {
            return metadata.getOrDefault("clause", "");
        }
    }

    private final String name;
    private final String text;
    private final List<Token> tokens;
    private final List<Rule> rules;
    private final List<String> header;

    private DrlFile(String name, String text) {
        this.name = name;
        this.text = text;
        this.tokens = tokenize(text);
        this.rules = new ArrayList<>();
        this.header = new ArrayList<>();
        readRules();
    }

    /** Reads a DRL text; {@code name} is its file name, for messages. */
    public static DrlFile parse(String name, String text) {
        return new DrlFile(name, text);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public List<Token> tokens() {
        return Collections.unmodifiableList(tokens);
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    /** The {@code //} comment lines at the top of the file, before its first code token, without the slashes. */
    public List<String> header() {
        return Collections.unmodifiableList(header);
    }

    /** The rule whose text contains {@code offset}, if any. */
    public Rule ruleAt(int offset) {
        for (Rule r : rules) {
            if (offset >= r.start() && offset < r.end()) {
                return r;
            }
        }
        return null;
    }

    /** The 1-based line of an offset. */
    public int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rules

    private void readRules() {
        List<Token> code = tokens.stream().filter(Token::isCode).toList();
        for (Token t : tokens) {
            if (t.isCode()) {
                break;
            }
            if (t.kind() == Kind.LINE_COMMENT) {
                header.add(commentText(t.text()));
            }
        }
        for (int i = 0; i < code.size(); i++) {
            Token t = code.get(i);
            if (!(t.kind() == Kind.IDENT && t.text().equals("rule") && startsLine(t)
                    && i + 1 < code.size() && code.get(i + 1).kind() == Kind.STRING)) {
                continue;
            }
            String ruleName = code.get(i + 1).stringValue();
            Map<String, String> metadata = new LinkedHashMap<>();
            int j = i + 2;
            int when = -1;
            while (j < code.size()) {
                Token a = code.get(j);
                if (a.is("@") && j + 1 < code.size() && code.get(j + 1).kind() == Kind.IDENT) {
                    String key = code.get(j + 1).text();
                    j += 2;
                    StringBuilder value = new StringBuilder();
                    if (j < code.size() && code.get(j).is("(")) {
                        int close = matching(code, j);
                        for (int k = j + 1; k < close; k++) {
                            if (code.get(k).kind() == Kind.STRING) {
                                value.append(code.get(k).stringValue());
                            }
                        }
                        j = close + 1;
                    }
                    metadata.put(key, value.toString());
                    continue;
                }
                if (a.kind() == Kind.IDENT && a.text().equals("when")) {
                    when = j;
                    break;
                }
                j++;
            }
            if (when < 0) {
                throw new IllegalArgumentException(name + ":" + t.line() + ": rule \"" + ruleName + "\" has no 'when'");
            }
            int then = -1;
            int depth = 0;
            for (j = when + 1; j < code.size(); j++) {
                Token a = code.get(j);
                if (a.is("(") || a.is("[") || a.is("{")) {
                    depth++;
                } else if (a.is(")") || a.is("]") || a.is("}")) {
                    depth--;
                } else if (depth == 0 && a.kind() == Kind.IDENT && a.text().equals("then")) {
                    then = j;
                    break;
                }
            }
            if (then < 0) {
                throw new IllegalArgumentException(name + ":" + t.line() + ": rule \"" + ruleName + "\" has no 'then'");
            }
            int end = -1;
            for (j = then + 1; j < code.size(); j++) {
                Token a = code.get(j);
                if (a.kind() == Kind.IDENT && a.text().equals("end") && startsLine(a)) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalArgumentException(name + ":" + t.line() + ": rule \"" + ruleName + "\" has no 'end'");
            }
            List<String> comment = new ArrayList<>();
            int commentLine = t.line();
            int index = tokens.indexOf(t) - 1;
            // Walk back over the comment lines directly above (only line breaks and indentation between them).
            while (index >= 0) {
                Token b = tokens.get(index);
                if (b.kind() == Kind.SPACE && countNewlines(b.text()) <= 1) {
                    index--;
                    continue;
                }
                if (b.kind() == Kind.LINE_COMMENT) {
                    comment.add(0, commentText(b.text()));
                    commentLine = b.line();
                    index--;
                    continue;
                }
                break;
            }
            rules.add(new Rule(ruleName, t.line(), t.start(), code.get(end).end(), Collections.unmodifiableMap(metadata),
                    List.copyOf(comment), commentLine, code.subList(when + 1, then), code.subList(then + 1, end)));
            i = end;
        }
    }

    private boolean startsLine(Token t) {
        int i = t.start() - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }

    /** The index of the token that closes the bracket at {@code open}. */
    static int matching(List<Token> code, int open) {
        int depth = 0;
        for (int k = open; k < code.size(); k++) {
            Token t = code.get(k);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced bracket at line " + code.get(open).line());
    }

    private static int countNewlines(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }

    private static String commentText(String comment) {
        String s = comment.substring(2);
        return s.startsWith(" ") ? s.substring(1) : s;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tokens

    private static final String[] OPERATORS = {">=", "<=", "==", "!=", "&&", "||", "->", "+=", "-=", "++", "--",
            ">", "<", "!", "=", "+", "-", "*", "/", "%", "?", "&", "|", "^", "~"};

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            Kind kind;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                kind = Kind.SPACE;
            } else if (text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                kind = Kind.LINE_COMMENT;
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                kind = Kind.BLOCK_COMMENT;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
                kind = Kind.STRING;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                    && (out.isEmpty() || !isNameEnd(out.get(out.size() - 1))))) {
                i = scanNumber(text, i);
                kind = Kind.NUMBER;
            } else if (Character.isJavaIdentifierStart(c)) {
                while (i < n && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                kind = Kind.IDENT;
            } else {
                String op = null;
                for (String o : OPERATORS) {
                    if (text.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op != null) {
                    i += op.length();
                    kind = Kind.OPERATOR;
                } else {
                    i++;
                    kind = Kind.PUNCT;
                }
            }
            String s = text.substring(start, i);
            out.add(new Token(kind, s, start, i, line));
            line += countNewlines(s);
        }
        return out;
    }

    private static boolean isNameEnd(Token t) {
        return t.kind() == Kind.IDENT || t.is(")") || t.is("]");
    }

    private static int scanNumber(String text, int i) {
        int n = text.length();
        while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i + 1 < n && text.charAt(i) == '.' && Character.isDigit(text.charAt(i + 1))) {
            i++;
            while (i < n && Character.isDigit(text.charAt(i))) {
                i++;
            }
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < n && "BbIiLlDdFf".indexOf(text.charAt(i)) >= 0
                && (i + 1 >= n || !Character.isJavaIdentifierPart(text.charAt(i + 1)))) {
            i++;
        }
        return i;
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                switch (d) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    default -> out.append(d);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
