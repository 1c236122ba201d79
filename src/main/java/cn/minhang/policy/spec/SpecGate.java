package cn.minhang.policy.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.ReloadGate;

/**
 * Lets new rules serve only if every case of every spec file passes on them:
 * {@code engine.reload(source, SpecGate.of(Path.of("specs")))}. A spec file that cannot be read is a failure,
 * and so is a directory without a single case: rules are never swapped in unchecked.
 */
public final class SpecGate implements ReloadGate {
    private final Path directory;

    private SpecGate(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The spec files ({@code *.yaml}, {@code *.yml}) directly in {@code directory}. */
    public static SpecGate of(Path directory) {
        return new SpecGate(directory);
    }

    public Path directory() {
        return directory;
    }

    /** One entry per failing case ("file — case" and the side-by-side report) or unreadable spec file. */
    @Override
    public List<String> failures(PolicyEngine candidate) {
        List<String> failures = new ArrayList<>();
        List<SpecCase> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of("cannot list the spec files in " + directory + ": " + e);
        }
        for (Path file : files) {
            try {
                cases.addAll(SpecRunner.loadFile(file));
            } catch (RuntimeException e) {
                failures.add(file.getFileName() + ": cannot be read as a spec file: " + e.getMessage());
            }
        }
        if (cases.isEmpty() && failures.isEmpty()) {
            failures.add("no spec cases in " + directory + ": new rules are not let in unchecked");
        }
        SpecRunner runner = new SpecRunner(candidate);
        for (SpecCase c : cases) {
            SpecResult result = runner.run(c);
            if (!result.passed()) {
                failures.add(c.file() + " — " + c.name() + "\n" + result.report());
            }
        }
        return failures;
    }
}
