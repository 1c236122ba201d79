package cn.minhang.policy.cli;

import java.util.concurrent.Callable;

import cn.minhang.policy.io.ApplicationSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        header = {"Print the JSON Schema of an application.", ""},
        description = "Prints the JSON Schema (2020-12) of an application, derived from the model: the file "
                + "schema/application.schema.json holds the same text.",
        footer = {"", "Example:", "  ./policy schema > schema/application.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ApplicationSchema.text());
        return PolicyCli.OK;
    }
}
