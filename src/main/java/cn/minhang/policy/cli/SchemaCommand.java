package cn.minhang.policy.cli;

import java.util.concurrent.Callable;

import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.io.ApplicationSchema;
import cn.minhang.policy.io.DecisionSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        header = {"Print the JSON Schema of an application, or of a decision.", ""},
        description = {"Prints the JSON Schema (2020-12) of an application, derived from the model: the file "
                + "schema/application.schema.json holds the same text.",
                "With --decision, the schema of a decision, a batch line and the error document, with the clause "
                        + "ids and measures of the rules' clause catalogue (clauses.yaml): for the rules in rules/, "
                        + "the file schema/decision.schema.json holds the same text."},
        footer = {"", "Examples:", "  ./policy schema > schema/application.schema.json",
                "  ./policy schema --decision > schema/decision.schema.json",
                "  ./policy schema --decision --rules /tmp/my-rules"})
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--decision", description = "Print the schema of a decision instead of an application.")
    boolean decision;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        if (decision) {
            RuleSource source = rules.source();
            spec.commandLine().getOut().print(DecisionSchema.text(ClauseCatalogue.of(source.origin(),
                    source.catalogue())));
        } else {
            spec.commandLine().getOut().print(ApplicationSchema.text());
        }
        return PolicyCli.OK;
    }
}
