package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.ProblemsJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = {"Evaluate applications and explain what the policy grants each.", ""},
        description = {"Evaluates applications (JSON, or YAML for *.yaml/*.yml; '-' reads JSON from stdin) and prints "
                + "what the policy grants each: a table of lines with the explanation under each, the totals, and "
                + "the default readings of the text applied.",
                "If any file is invalid, nothing is evaluated: every problem of every file is reported with its "
                        + "JSON path (with --json as an error document on stdout) and the exit code is 2."},
        footer = {"", "Examples:", "  ./policy evaluate examples/joint-module-maker.json",
                "  ./policy evaluate --json --lang en --at 2026-01-01T00:00:00Z a.json b.yaml"})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Application files.")
    List<String> files;

    @Option(names = "--json", description = "Print the JSON decision document (docs/json-contract.md); an array "
            + "when several files are given.")
    boolean json;

    @Option(names = "--lang", paramLabel = "zh|en", defaultValue = "zh",
            description = "Language of the readable breakdown (default: ${DEFAULT-VALUE}). --json always has both.")
    Language language;

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "The evaluation time written in the audit, e.g. 2026-01-01T00:00:00Z (default: now). "
                    + "Fix it to reproduce a document byte for byte.")
    Instant at;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Application> applications = new ArrayList<>();
        List<String[]> problems = new ArrayList<>();
        PolicyEngine engine = rules.engine();
        List<Decision> decisions = new ArrayList<>();
        for (String file : files) {
            try {
                Application application = read(file);
                // A limit only the rules can see (the alternatives weighed under a binding cap) is found here.
                Decision decision = engine.evaluate(application);
                applications.add(application);
                decisions.add(decision);
            } catch (InvalidApplicationException e) {
                for (Problem p : e.problems()) {
                    problems.add(new String[]{file, p.path(), p.message()});
                }
            }
        }
        if (!problems.isEmpty()) {
            if (json) {
                ObjectNode document = JsonNodeFactory.instance.objectNode();
                document.put("error", ProblemsJson.INVALID_APPLICATION);
                ArrayNode list = document.putArray("problems");
                for (String[] p : problems) {
                    list.add(ProblemsJson.problem(p[0], new Problem(p[1], p[2])));
                }
                out.println(DecisionJson.pretty(document));
            }
            err.println(Text.t(language, "错误：申请无效，共 ", "error: invalid application, ") + problems.size()
                    + Text.t(language, " 个问题：", " problem(s):"));
            for (String[] p : problems) {
                err.println(p[0] + ": " + p[1] + ": " + p[2]);
            }
            return PolicyCli.INVALID_INPUT;
        }

        Instant evaluatedAt = at == null ? Instant.now() : at;
        if (json) {
            List<ObjectNode> documents = new ArrayList<>();
            for (int i = 0; i < applications.size(); i++) {
                documents.add(DecisionJson.toTree(applications.get(i), decisions.get(i), evaluatedAt));
            }
            if (documents.size() == 1) {
                out.println(DecisionJson.pretty(documents.get(0)));
            } else {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                documents.forEach(array::add);
                out.println(DecisionJson.pretty(array));
            }
            return PolicyCli.OK;
        }
        String origin = engine.rules().source().origin();
        for (int i = 0; i < applications.size(); i++) {
            Application application = applications.get(i);
            Decision decision = decisions.get(i);
            if (i > 0) {
                out.println();
            }
            out.print(Breakdown.render(files.get(i), application, decision, origin, language));
        }
        return PolicyCli.OK;
    }

    /** Reads one application; a file that cannot be read is a problem of the input too. */
    static Application read(String file) {
        if ("-".equals(file)) {
            try {
                return ApplicationReader.fromJson(System.in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stdin", e);
            }
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidApplicationException(List.of(new Problem("$", Files.exists(path)
                    ? "is not a file" : "no such file")));
        }
        try {
            return ApplicationReader.read(path);
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof NoSuchFileException ? "no such file" : "cannot be read: " + e.getCause();
            throw new InvalidApplicationException(List.of(new Problem("$", why)));
        }
    }
}
