package cn.minhang.policy.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The clauses of the policy, in the order of the text, as the rules directory declares them in
 * {@code clauses.yaml}: the general conditions (the preamble), the clauses of each measure, and the closing
 * paragraph. The catalogue belongs to the rules: it is read, checked and versioned with them, and a rule names its
 * clause with {@code @clause("…")}.
 *
 * <pre>
 * preamble:
 *   - id: general
 *     label: {zh: 一般条件, en: General conditions}
 *     title: {zh: 一般条件, en: General conditions}
 * measures:
 *   - measure: 1
 *     title: {zh: 支持核心零部件与技术研发, en: Core components and technology R&amp;D}
 *     clauses:
 *       - id: "1.1"
 *         kind: RATE
 *         base: {zh: 研发投入, en: R&amp;D investment}
 *         capScope: {zh: 单款产品, en: per-product}
 * closing:
 *   - id: closing
 *     label: {zh: 结语条款, en: Closing paragraph}
 *     title: {zh: 施行期限与“从优、就高、不重复”, en: Validity and 从优、就高、不重复}
 * </pre>
 *
 * <p>What stays in Java is what every policy of this form shares: a clause of measure N is cited as 第N条 /
 * Clause N, part K of it as 第N条第K款 / Clause N.K; the order of the text is the order of the file.
 */
public final class ClauseCatalogue {
    /** The catalogue's file in a rules directory. */
    public static final String FILE = "clauses.yaml";

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final Pattern MEASURE_ID = Pattern.compile("([1-9][0-9]*)(?:\\.([1-9][0-9]*))?");
    private static final Pattern WORD_ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");
    private static final Set<String> TOP = Set.of("preamble", "measures", "closing");
    private static final Set<String> OUTSIDE_KEYS = Set.of("id", "label", "title");
    private static final Set<String> MEASURE_KEYS = Set.of("measure", "title", "clauses");
    private static final Set<String> CLAUSE_KEYS = Set.of("id", "kind", "base", "capScope", "aggregateScope");

    private final List<Clause> clauses;
    private final Map<String, Clause> byId;
    private final List<Integer> measures;
    private final Map<Integer, Clause.Words> measureTitles;

    private ClauseCatalogue(List<Entry> entries, Map<Integer, Clause.Words> measureTitles) {
        List<Clause> list = new ArrayList<>(entries.size());
        Map<String, Clause> index = new HashMap<>();
        for (Entry e : entries) {
            Clause c = new Clause(this, e.id, e.part, e.measure, e.paragraph, list.size(), e.line, e.kind, e.label,
                    e.title, e.base, e.capScope, e.aggregateScope);
            list.add(c);
            index.put(c.id(), c);
        }
        this.clauses = List.copyOf(list);
        this.byId = Map.copyOf(index);
        this.measures = List.copyOf(measureTitles.keySet());
        this.measureTitles = Collections.unmodifiableMap(new LinkedHashMap<>(measureTitles));
    }

    /**
     * Reads a catalogue. Every problem found is added to {@code problems}, with {@link #FILE} and its line.
     *
     * @return the clauses that could be read, so that the rules can still be checked against them; null when the
     *         file could not be read at all. A catalogue with any problem must not serve: {@link #of} refuses it.
     */
    public static ClauseCatalogue parse(String text, List<RuleProblem> problems) {
        List<RuleProblem> found = new ArrayList<>();
        Node root = null;
        if (text == null) {
            found.add(new RuleProblem(FILE, 0, "there is no clause catalogue: every rules directory needs a " + FILE
                    + " beside its rule files that lists the clauses of the policy in the order of the text"));
        } else {
            root = tree(text, found);
        }
        ClauseCatalogue catalogue = null;
        if (root != null) {
            catalogue = new Reader(found).read(root);
        }
        problems.addAll(found);
        return catalogue;
    }

    /**
     * Reads a catalogue.
     *
     * @throws RuleCompilationException with every problem of the file
     */
    public static ClauseCatalogue of(String origin, String text) {
        List<RuleProblem> problems = new ArrayList<>();
        ClauseCatalogue catalogue = parse(text, problems);
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(origin, problems);
        }
        return catalogue;
    }

    /** Every clause, in the order of the text. */
    public List<Clause> clauses() {
        return clauses;
    }

    /** The ids, in the order of the text. */
    public List<String> ids() {
        return clauses.stream().map(Clause::id).toList();
    }

    /** The numbers of the measures, in the order of the text. */
    public List<Integer> measures() {
        return measures;
    }

    /** A measure's title; null for a number the catalogue does not declare. */
    public Clause.Words measureTitle(int measure) {
        return measureTitles.get(measure);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /**
     * The clause with this id.
     *
     * @throws IllegalArgumentException naming the clauses the catalogue declares, if it has none of that id
     */
    public Clause clause(String id) {
        Clause clause = byId.get(id);
        if (clause == null) {
            throw new IllegalArgumentException("unknown clause id '" + id + "'; " + FILE + " declares " + idList());
        }
        return clause;
    }

    /** Orders clause ids as the text does ("2.1" before "10.2"); ids the catalogue lacks come last. */
    public Comparator<String> order() {
        return order(ids());
    }

    /**
     * The order of the text for ids of two catalogues (two versions of the rules): those of {@code a} in its order,
     * each id only {@code b} has right after the id that precedes it in {@code b}.
     */
    public static Comparator<String> order(ClauseCatalogue a, ClauseCatalogue b) {
        List<String> merged = new ArrayList<>(a.ids());
        String previous = null;
        for (String id : b.ids()) {
            if (!merged.contains(id)) {
                merged.add(previous == null ? 0 : merged.indexOf(previous) + 1, id);
            }
            previous = id;
        }
        return order(merged);
    }

    private static Comparator<String> order(List<String> ids) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return Comparator.comparingInt((String id) -> position.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder());
    }

    /** "general, 1.1, 1.2, …, closing". */
    public String idList() {
        return String.join(", ", ids());
    }

    /** The message for a rule whose {@code @clause} the catalogue lacks. */
    public String unknownClause(String rule, String id) {
        return "rule \"" + rule + "\" names unknown clause \"" + id + "\"; " + FILE + " declares " + idList();
    }

    /** A problem at every entry that no rule encodes; {@code encoded} holds the ids the rules name. */
    public List<RuleProblem> unencoded(Set<String> encoded) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Clause c : clauses) {
            if (!encoded.contains(c.id())) {
                problems.add(new RuleProblem(FILE, c.line(), "no rule encodes clause " + c.id() + " (" + c.labelZh()
                        + " " + c.titleZh() + "): no rule carries @clause(\"" + c.id() + "\")"));
            }
        }
        return problems;
    }

    /**
     * What the rules insert, checked against what the catalogue says of their clauses: a claim belongs to a clause of
     * the measures and matches its kind, and a monetary clause has the words its explanations print — what the amount
     * is computed from for a rate, a matching or an amount set by review, the scope of a per-item cap wherever a cap
     * is given, the scope of an aggregate cap wherever one is declared. Rules naming an unknown clause are left to
     * {@link #unknownClause}.
     *
     * @param rules every rule file's outline, by file name
     */
    public List<RuleProblem> check(Map<String, List<RuleOutline>> rules) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (Map.Entry<String, List<RuleOutline>> file : rules.entrySet()) {
            for (RuleOutline rule : file.getValue()) {
                for (RuleOutline.Insert insert : rule.inserts()) {
                    if (insert.exemptClause() != null && !byId.containsKey(insert.exemptClause())) {
                        problems.add(new RuleProblem(file.getKey(), insert.line(), "rule \"" + rule.name()
                                + "\" exempts clause \"" + insert.exemptClause() + "\" from a general condition, but "
                                + FILE + " has no clause " + insert.exemptClause()));
                    }
                }
                Clause clause = rule.clause() == null ? null : byId.get(rule.clause());
                if (clause == null) {
                    continue;
                }
                String where = "rule \"" + rule.name() + "\" (" + file.getKey() + ":" + rule.line() + ")";
                for (RuleOutline.Insert insert : rule.inserts()) {
                    Clause.Kind kind = kindOf(insert.call());
                    boolean claim = insert.call().startsWith("Claim.");
                    if (claim && !clause.isMeasureClause()) {
                        problems.add(new RuleProblem(file.getKey(), insert.line(), "rule \"" + rule.name()
                                + "\" inserts " + insert.call() + ", but clause " + clause.id()
                                + " is not a clause of the measures (" + FILE + ":" + clause.line() + ")"));
                        continue;
                    }
                    if (kind != null && clause.kind() != null && clause.kind() != kind) {
                        problems.add(new RuleProblem(file.getKey(), insert.line(), "rule \"" + rule.name()
                                + "\" inserts " + insert.call() + ", a " + kind + " claim, but " + FILE + ":"
                                + clause.line() + " declares clause " + clause.id() + " " + clause.kind()));
                    }
                    boolean computed = insert.call().equals("Claim.rate") || insert.call().equals("Claim.match")
                            || insert.call().equals("Claim.requested");
                    if (computed && !clause.hasBase()) {
                        missing.putIfAbsent(clause.id() + "|base", where);
                    }
                    if (computed && insert.capGiven() && !clause.hasCapScope()) {
                        missing.putIfAbsent(clause.id() + "|capScope", where);
                    }
                    if (insert.call().equals("AggregateCap.of") && !clause.hasAggregateScope()) {
                        missing.putIfAbsent(clause.id() + "|aggregateScope", where);
                    }
                }
            }
        }
        for (Map.Entry<String, String> m : missing.entrySet()) {
            String[] key = m.getKey().split("\\|");
            Clause clause = byId.get(key[0]);
            String what = switch (key[1]) {
                case "base" -> "base (what its amounts are computed from)";
                case "capScope" -> "capScope (the scope of its per-item cap)";
                default -> "aggregateScope (the scope of its aggregate cap)";
            };
            problems.add(new RuleProblem(FILE, clause.line(), "clause " + clause.id() + " has no " + what
                    + ", in zh and en, which the explanations of " + m.getValue() + " need"));
        }
        return problems;
    }

    /** The kind of clause a call's claim belongs to; null for a call any clause of the measures may make. */
    private static Clause.Kind kindOf(String call) {
        return switch (call) {
            case "Claim.rate" -> Clause.Kind.RATE;
            case "Claim.match" -> Clause.Kind.MATCH;
            case "Claim.requested", "Claim.ceiling" -> Clause.Kind.DISCRETIONARY;
            case "Claim.support" -> Clause.Kind.SUPPORT;
            default -> null;
        };
    }

    // ---- reading the file -------------------------------------------------------------------------------------

    /** One entry as read, before the catalogue is made. */
    private static final class Entry {
        String id;
        Clause.Part part;
        int measure;
        int paragraph;
        int line;
        Clause.Kind kind;
        Clause.Words label;
        Clause.Words title;
        Clause.Words base;
        Clause.Words capScope;
        Clause.Words aggregateScope;
    }

    private sealed interface Node permits Scalar, Mapping, Sequence {
        int line();
    }

    private record Scalar(String text, int line) implements Node {
    }

    private record Mapping(Map<String, Node> fields, Map<String, Integer> keyLines, int line) implements Node {
    }

    private record Sequence(List<Node> items, int line) implements Node {
    }

    private static Node tree(String text, List<RuleProblem> problems) {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new RuleProblem(FILE, 0, "the catalogue is empty: it lists preamble, measures and closing"));
                return null;
            }
            return node(parser, first, problems);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new RuleProblem(FILE, at == null ? 0 : Math.max(at.getLineNr(), 0), "malformed YAML: "
                    + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " ")));
        } catch (IOException | RuntimeException e) {
            problems.add(new RuleProblem(FILE, 0, "malformed YAML: " + String.valueOf(e.getMessage()).strip()
                    .replaceAll("\\s*\\R\\s*", " ")));
        }
        return null;
    }

    private static Node node(JsonParser p, JsonToken token, List<RuleProblem> problems) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    Node value = node(p, p.nextToken(), problems);
                    if (fields.containsKey(name)) {
                        problems.add(new RuleProblem(FILE, keyLine, "'" + name + "' is given twice (first at line "
                                + keyLines.get(name) + ")"));
                    } else {
                        fields.put(name, value);
                        keyLines.put(name, keyLine);
                    }
                }
                return new Mapping(fields, keyLines, line);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(node(p, t, problems));
                }
                return new Sequence(items, line);
            }
            case VALUE_NULL -> {
                return new Scalar(null, line);
            }
            default -> {
                return new Scalar(p.getText(), line);
            }
        }
    }

    /** Turns the tree into entries, reporting every problem with its line. */
    private static final class Reader {
        private final List<RuleProblem> problems;
        private final Map<String, Integer> seen = new HashMap<>();
        private final List<Entry> entries = new ArrayList<>();
        private final Map<Integer, Clause.Words> measureTitles = new LinkedHashMap<>();

        Reader(List<RuleProblem> problems) {
            this.problems = problems;
        }

        ClauseCatalogue read(Node root) {
            if (!(root instanceof Mapping top)) {
                problem(root.line(), "the catalogue is a mapping of preamble, measures and closing");
                return null;
            }
            keys(top, TOP, "the catalogue");
            Node measuresNode = top.fields().get("measures");
            outside(top.fields().get("preamble"), Clause.Part.PREAMBLE, "preamble");
            if (measuresNode == null) {
                problem(top.line(), "the catalogue declares no measures: add 'measures', the measures of the text "
                        + "in order");
            } else if (sequence(measuresNode, "measures") != null) {
                int previous = 0;
                for (Node m : ((Sequence) measuresNode).items()) {
                    previous = measure(m, previous);
                }
            }
            outside(top.fields().get("closing"), Clause.Part.CLOSING, "closing");
            return new ClauseCatalogue(entries, measureTitles);
        }

        /** The clauses of the preamble or the closing paragraph. */
        private void outside(Node node, Clause.Part part, String where) {
            if (node == null || sequence(node, where) == null) {
                return;
            }
            for (Node item : ((Sequence) node).items()) {
                if (!(item instanceof Mapping m)) {
                    problem(item.line(), "an entry of " + where + " is a mapping with id, label and title");
                    continue;
                }
                keys(m, OUTSIDE_KEYS, "a clause of the " + where);
                Entry e = new Entry();
                e.part = part;
                e.line = m.line();
                e.id = text(m, "id", "a clause of the " + where);
                if (e.id != null) {
                    e.line = m.keyLines().get("id");
                    if (!WORD_ID.matcher(e.id).matches()) {
                        problem(e.line, "malformed clause id '" + e.id + "' in the " + where + ": a clause outside the "
                                + "measures is named by a lower-case word, such as general or closing");
                        e.id = null;
                    }
                }
                e.label = words(m, "label", true);
                e.title = words(m, "title", true);
                if (e.label == null) {
                    e.label = new Clause.Words(String.valueOf(e.id), String.valueOf(e.id));
                }
                if (e.title == null) {
                    e.title = new Clause.Words("", "");
                }
                add(e);
            }
        }

        /** One measure and its clauses; returns its number (or the previous one if unreadable). */
        private int measure(Node node, int previous) {
            if (!(node instanceof Mapping m)) {
                problem(node.line(), "a measure is a mapping with measure, title and clauses");
                return previous;
            }
            keys(m, MEASURE_KEYS, "a measure");
            String number = text(m, "measure", "a measure");
            int measure = previous;
            if (number != null) {
                int line = m.keyLines().get("measure");
                if (!number.matches("[1-9][0-9]{0,3}")) {
                    problem(line, "malformed measure number '" + number + "': a measure is numbered 1, 2, 3, …");
                    return previous;
                }
                measure = Integer.parseInt(number);
                if (measureTitles.containsKey(measure)) {
                    problem(line, "measure " + measure + " is declared twice");
                } else if (measure <= previous) {
                    problem(line, "measure " + measure + " is listed after measure " + previous
                            + ": list the measures in the order of the text");
                }
            } else {
                return previous;
            }
            Clause.Words title = words(m, "title", true);
            measureTitles.putIfAbsent(measure, title == null ? new Clause.Words("", "") : title);
            Node clausesNode = m.fields().get("clauses");
            if (clausesNode == null) {
                problem(m.line(), "measure " + measure + " has no clauses: list them under 'clauses'");
                return measure;
            }
            if (sequence(clausesNode, "the clauses of measure " + measure) == null) {
                return measure;
            }
            List<Node> items = ((Sequence) clausesNode).items();
            if (items.isEmpty()) {
                problem(clausesNode.line(), "measure " + measure + " has no clauses: list them under 'clauses'");
            }
            int previousParagraph = -1;
            for (Node item : items) {
                if (!(item instanceof Mapping c)) {
                    problem(item.line(), "a clause is a mapping with id, kind and the words of its explanations");
                    continue;
                }
                keys(c, CLAUSE_KEYS, "a clause of a measure");
                Entry e = new Entry();
                e.part = Clause.Part.MEASURE;
                e.measure = measure;
                e.line = c.line();
                e.title = measureTitles.get(measure);
                e.id = text(c, "id", "a clause of measure " + measure);
                if (e.id != null) {
                    e.line = c.keyLines().get("id");
                    Matcher id = MEASURE_ID.matcher(e.id);
                    if (!id.matches() || Integer.parseInt(id.group(1)) != measure) {
                        problem(e.line, "malformed clause id '" + e.id + "' under measure " + measure + ": a clause of "
                                + "measure " + measure + " is " + measure + " (the measure's one clause) or " + measure
                                + ".K (its K-th part, K from 1)");
                        e.id = null;
                    } else {
                        e.paragraph = id.group(2) == null ? 0 : Integer.parseInt(id.group(2));
                        if (e.paragraph == 0 && items.size() > 1) {
                            problem(e.line, "clause id '" + e.id + "' names the whole of measure " + measure
                                    + ", which has " + items.size() + " clauses here: number them " + measure + ".1, "
                                    + measure + ".2, …");
                        } else if (e.paragraph <= previousParagraph) {
                            problem(e.line, "clause " + e.id + " is listed after clause " + measure + "."
                                    + previousParagraph + ": list the clauses in the order of the text");
                        }
                        previousParagraph = Math.max(previousParagraph, e.paragraph);
                        e.label = e.paragraph == 0
                                ? new Clause.Words("第" + measure + "条", "Clause " + measure)
                                : new Clause.Words("第" + measure + "条第" + e.paragraph + "款",
                                "Clause " + measure + "." + e.paragraph);
                    }
                }
                String kind = text(c, "kind", "clause " + (e.id == null ? "" : e.id + " "));
                if (kind != null) {
                    try {
                        e.kind = Clause.Kind.valueOf(kind);
                    } catch (IllegalArgumentException x) {
                        problem(c.keyLines().get("kind"), "unknown kind '" + kind + "' of clause " + e.id
                                + ": RATE, MATCH, DISCRETIONARY or SUPPORT");
                    }
                }
                e.base = words(c, "base", false);
                e.capScope = words(c, "capScope", false);
                e.aggregateScope = words(c, "aggregateScope", false);
                add(e);
            }
            return measure;
        }

        private void add(Entry e) {
            if (e.id == null) {
                return;
            }
            Integer first = seen.putIfAbsent(e.id, e.line);
            if (first != null) {
                problem(e.line, "clause id '" + e.id + "' is declared twice: first at line " + first);
                return;
            }
            entries.add(e);
        }

        private Sequence sequence(Node node, String what) {
            if (node instanceof Sequence s) {
                return s;
            }
            problem(node.line(), what + " is a list (each item on a line of its own, starting with '- ')");
            return null;
        }

        private void keys(Mapping m, Set<String> allowed, String what) {
            for (Map.Entry<String, Integer> key : m.keyLines().entrySet()) {
                if (!allowed.contains(key.getKey())) {
                    problem(key.getValue(), "unknown key '" + key.getKey() + "' in " + what + "; it may have "
                            + allowed.stream().sorted().collect(Collectors.joining(", ")));
                }
            }
        }

        /** A required scalar, not blank; null (and a problem) if it is missing. */
        private String text(Mapping m, String key, String what) {
            Node n = m.fields().get(key);
            if (n == null || n instanceof Scalar s && (s.text() == null || s.text().isBlank())) {
                problem(n == null ? m.line() : n.line(), what + " needs '" + key + "'");
                return null;
            }
            if (!(n instanceof Scalar s)) {
                problem(n.line(), "'" + key + "' of " + what + " is a single value, not a list or a mapping");
                return null;
            }
            return s.text().strip();
        }

        /** {zh: …, en: …}, both given and not blank; null if absent (a problem if required) or malformed. */
        private Clause.Words words(Mapping m, String key, boolean required) {
            Node n = m.fields().get(key);
            if (n == null || n instanceof Scalar s && s.text() == null) {
                if (required) {
                    problem(n == null ? m.line() : n.line(), "the entry needs '" + key + "': {zh: …, en: …}");
                }
                return null;
            }
            if (!(n instanceof Mapping w)) {
                problem(n.line(), "'" + key + "' is given in both languages: " + key + ": {zh: …, en: …}");
                return null;
            }
            Set<String> names = new LinkedHashSet<>(w.fields().keySet());
            names.removeAll(Set.of("zh", "en"));
            for (String extra : names) {
                problem(w.keyLines().get(extra), "unknown language '" + extra + "' in '" + key + "': give zh and en");
            }
            String zh = wordsText(w, "zh");
            String en = wordsText(w, "en");
            if (zh == null || en == null) {
                problem(n.line(), "'" + key + "' needs the words in both languages: " + key + ": {zh: …, en: …}");
                return null;
            }
            return new Clause.Words(zh, en);
        }

        private static String wordsText(Mapping w, String language) {
            Node n = w.fields().get(language);
            return n instanceof Scalar s && s.text() != null && !s.text().isBlank() ? s.text().strip() : null;
        }

        private void problem(int line, String message) {
            problems.add(new RuleProblem(FILE, line, message));
        }
    }
}
