package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher finds a batch's or a compare's input file among the arguments to choose the JIT's settings by its
 * size, skipping the value of every option that takes one: its list of those options is the commands' own.
 */
class LauncherOptionsTest {
    private static final Pattern VALUE_OPTIONS = Pattern.compile("(?m)^\\s*([-|a-z]+)\\) value=true ;;");

    @Test
    void theLauncherSkipsTheValueOfEveryOptionOfBatchAndCompareThatTakesOneAndOfNoOther() throws IOException {
        Matcher listed = VALUE_OPTIONS.matcher(Files.readString(Path.of("policy")));
        assertThat(listed.find()).as("the launcher's list of options that take a value").isTrue();
        Set<String> launcher = new TreeSet<>(Arrays.asList(listed.group(1).split("\\|")));

        Set<String> commands = new TreeSet<>();
        CommandLine cli = PolicyCli.commandLine();
        for (String command : new String[] {"batch", "compare"}) {
            for (OptionSpec option : cli.getSubcommands().get(command).getCommandSpec().options()) {
                if (option.arity().max() > 0 && !option.typeInfo().isBoolean()) {
                    commands.addAll(Arrays.asList(option.names()));
                }
            }
        }
        assertThat(launcher).isEqualTo(commands);
    }
}
