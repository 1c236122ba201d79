package cn.minhang.policy.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.trace.Traceability.ClauseTrace;

/**
 * Generates the traceability report from the command line: {@code mvn -Ptraceability process-classes}, and as the
 * last step of {@code mvn -Pmutation verify}.
 *
 * <pre>
 * TraceabilityMain [--seed FILE] [--rules DIR] [--specs DIR] [--scores FILE] [--out DIR] [--check]
 *                  [--fail-on-survivors[=true|false]]
 * </pre>
 *
 * <p>Writes {@code traceability.md} and {@code traceability.html} to the output directory (default {@code docs}).
 * With {@code --check} it writes nothing and exits 1 if the files there differ from what it would write. Exit 1
 * also when a clause of the catalogue has no rule or no spec case, and, with {@code --fail-on-survivors}, when the
 * score snapshot lists a surviving mutant or a stale equivalent entry.
 */
public final class TraceabilityMain {
    private TraceabilityMain() {
    }

    public static void main(String[] args) {
        cn.minhang.policy.mutation.MutationMain.quietLogging();
        int code = run(System.out, System.err, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        Path seed = Path.of("seeds", "minhang-embodied-ai-policy-draft.zh.txt");
        Path rules = Path.of("rules");
        Path specs = Path.of("specs");
        Path scores = Path.of("mutation", "scores.json");
        Path dir = Path.of("docs");
        boolean check = false;
        boolean failOnSurvivors = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--seed" -> seed = Path.of(value(args, ++i, a));
                    case "--rules" -> rules = Path.of(value(args, ++i, a));
                    case "--specs" -> specs = Path.of(value(args, ++i, a));
                    case "--scores" -> scores = Path.of(value(args, ++i, a));
                    case "--out" -> dir = Path.of(value(args, ++i, a));
                    case "--check" -> check = true;
                    case "--fail-on-survivors", "--fail-on-survivors=true" -> failOnSurvivors = true;
                    case "--fail-on-survivors=false" -> failOnSurvivors = false;
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Traceability trace;
        try {
            trace = Traceability.build(seed, rules, specs, scores);
        } catch (RuntimeException e) {
            err.println("the traceability report could not be built: " + e.getMessage());
            return 2;
        }
        String md = TraceabilityReport.markdown(trace);
        String html = TraceabilityReport.html(trace);
        Path mdFile = dir.resolve("traceability.md");
        Path htmlFile = dir.resolve("traceability.html");
        int code = 0;
        try {
            if (check) {
                for (Path f : List.of(mdFile, htmlFile)) {
                    String expected = f.equals(mdFile) ? md : html;
                    if (!Files.exists(f) || !Files.readString(f, StandardCharsets.UTF_8).equals(expected)) {
                        err.println(f + " is not up to date: run " + TraceabilityReport.COMMAND);
                        code = 1;
                    }
                }
            } else {
                Files.createDirectories(dir);
                Files.writeString(mdFile, md, StandardCharsets.UTF_8);
                Files.writeString(htmlFile, html, StandardCharsets.UTF_8);
                out.println("wrote " + mdFile + " and " + htmlFile + " (" + trace.sentences().size() + " sentences)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> gaps = gaps(trace);
        if (!gaps.isEmpty()) {
            err.println("clauses without a rule or a spec case:");
            gaps.forEach(g -> err.println("  " + g));
            code = 1;
        }
        Traceability.ScoreSource s = trace.scoreSource();
        if (s.present() && !s.current()) {
            out.println("the mutation scores are stale: run mvn -Pmutation verify");
        }
        if (failOnSurvivors && (s.survivors() > 0 || s.stale() > 0)) {
            err.println(s.survivors() + " mutant(s) survive unexplained and " + s.stale()
                    + " equivalent entr(y/ies) are stale: see target/mutation/report.md");
            code = 1;
        }
        return code;
    }

    /** Every clause of the catalogue that has no rule or no spec case naming it. */
    public static List<String> gaps(Traceability trace) {
        List<String> out = new ArrayList<>();
        for (ClauseTrace c : trace.clauses()) {
            if (c.rules().isEmpty()) {
                out.add(c.clause().id() + ": no rule has @clause(\"" + c.clause().id() + "\")");
            }
            if (c.cases().isEmpty()) {
                out.add(c.clause().id() + ": no spec case names it");
            }
        }
        return out;
    }

    private static final String USAGE = """
            usage: TraceabilityMain [--seed FILE] [--rules DIR] [--specs DIR] [--scores FILE] [--out DIR] [--check]
                                    [--fail-on-survivors[=true|false]]""";

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
