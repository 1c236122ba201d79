package cn.minhang.policy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.engine.RuleSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = {"Compile and lint the rules; report every problem as file:line: message.", ""},
        description = {"Compiles the rules and lints them: the clause catalogue (clauses.yaml) is well formed, with no "
                + "duplicated or malformed id; every rule carries a clause id (@clause) the catalogue declares; every "
                + "clause of the catalogue has a rule; every monetary clause has the words its explanations need; and "
                + "every rule file is named mNN-kebab-case.drl.",
                "Prints every problem as file:line: message (not only the first) and exits with 3 if there is any."},
        footer = {"", "Examples:", "  ./policy check", "  ./policy check --rules /tmp/my-rules"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleSource source = rules.source();
        RuleLint.Result result = RuleLint.check(source);
        String prefix = Files.isDirectory(Path.of(source.origin())) ? Path.of(source.origin()).toString() + "/" : "";
        for (RuleProblem p : result.problems()) {
            out.println(prefix + p);
        }
        for (RuleProblem w : result.warnings()) {
            out.println(prefix + w.file() + ":" + w.line() + ": warning: " + w.message());
        }
        if (!result.ok()) {
            out.println(result.problems().size() + " problem(s) in the rules of " + source.origin());
            return PolicyCli.RULES_FAILED;
        }
        out.println("OK: " + result.compiled().rules().size() + " rules in " + source.drlFiles().size() + " files and "
                + result.compiled().catalogue().clauses().size() + " clauses of " + ClauseCatalogue.FILE + " in "
                + source.origin() + " (" + source.version() + ") compile, carry known clause ids and cover every "
                + "clause of the policy");
        return PolicyCli.OK;
    }
}
