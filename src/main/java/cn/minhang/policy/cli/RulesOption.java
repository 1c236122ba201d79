package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import picocli.CommandLine.Option;

/**
 * The {@code --rules DIR} option: which rules a command uses. Without it, the working copy {@code rules/} of the
 * repository: the one beside the launcher ({@code -Dpolicy.home}, set by {@code ./policy}) or in the current
 * directory; only when neither exists, the rules packaged in the jar.
 */
final class RulesOption {
    static final String DESCRIPTION = "Rules directory to use, such as an edited copy of rules/ "
            + "(default: the repository's rules/ beside the launcher or in the current directory; without one, "
            + "the rules packaged in the jar).";

    @Option(names = "--rules", paramLabel = "DIR", description = DESCRIPTION)
    Path directory;

    /** The rule files this option names. */
    RuleSource source() {
        return source(directory);
    }

    /** Compiles them. @throws cn.minhang.policy.engine.RuleCompilationException if they do not compile */
    PolicyEngine engine() {
        return PolicyEngine.of(source());
    }

    static RuleSource source(Path directory) {
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new CliException(PolicyCli.INVALID_INPUT, "rules directory " + directory + " does not exist");
            }
            if (!hasRuleFiles(directory)) {
                throw new CliException(PolicyCli.INVALID_INPUT, "rules directory " + directory + " has no *.drl files");
            }
            return RuleSource.directory(directory);
        }
        Path local = repositoryFolder("rules");
        if (local != null && hasRuleFiles(local)) {
            return RuleSource.directory(local);
        }
        return RuleSource.classpath();
    }

    /**
     * A folder of the repository: beside the launcher when it says where it is ({@code -Dpolicy.home}), else in
     * the current directory; null when neither has it. Paths under the current directory are given relative.
     */
    static Path repositoryFolder(String name) {
        String home = System.getProperty("policy.home");
        if (home != null && Files.isDirectory(Path.of(home, name))) {
            Path folder = Path.of(home, name).toAbsolutePath().normalize();
            Path here = Path.of("").toAbsolutePath();
            return folder.startsWith(here) ? here.relativize(folder) : folder;
        }
        Path local = Path.of(name);
        return Files.isDirectory(local) ? local : null;
    }

    private static boolean hasRuleFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".drl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
