package cn.minhang.policy.reload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.engine.RuleCompilationException;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.spec.SpecGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine bound to one configured rules directory and its spec files, for a system that embeds the engine and
 * lets analysts change the rules while it runs.
 *
 * <pre>{@code
 * RulesManager rules = RulesManager.open(Path.of("/etc/policy/rules"), Path.of("/etc/policy/specs"));
 * rules.onReload(outcome -> log.info("{}", outcome));   // optional
 * rules.watch(Duration.ofMillis(500));                   // optional: reload when a file changes
 * Decision d = rules.engine().evaluate(application);      // d.rulesVersion() names the rules that made it
 * rules.reload();                                         // on demand; throws with every error if refused
 * }</pre>
 *
 * <p>A reload reads the directory, compiles the rules (refusing code that reaches outside the policy's own
 * types), runs every spec case against them, and swaps them in only if all of that succeeds; otherwise the rules
 * serving keep serving and the caller gets every compile problem or failing case. Rules are read only from the
 * configured directory: its {@code *.drl} regular files and its clause catalogue ({@code clauses.yaml}), not
 * sub-directories and not symbolic links (a link
 * could point anywhere), each at most {@link #MAX_RULE_FILE_BYTES} bytes of UTF-8.
 */
public final class RulesManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesManager.class);
    /** The most rule files a directory may hold. */
    public static final int MAX_RULE_FILES = 200;
    /** The largest rule file read, in bytes. */
    public static final int MAX_RULE_FILE_BYTES = 1 << 20;

    private final Path rules;
    private final SpecGate specs;
    private final PolicyEngine engine;
    private final List<Consumer<ReloadOutcome>> listeners = new CopyOnWriteArrayList<>();
    private final Object reloading = new Object();
    private WatchService watchService;
    private Thread watcher;

    private RulesManager(Path rules, SpecGate specs, PolicyEngine engine) {
        this.rules = rules;
        this.specs = specs;
        this.engine = engine;
    }

    /**
     * Loads the rules of {@code rulesDirectory}, checked by the spec files of {@code specsDirectory}.
     *
     * @throws ReloadRejectedException with every problem, if they do not compile or a spec case fails
     */
    public static RulesManager open(Path rulesDirectory, Path specsDirectory) {
        Path rules = rulesDirectory.toAbsolutePath().normalize();
        SpecGate specs = SpecGate.of(specsDirectory.toAbsolutePath().normalize());
        RuleSource source = read(rules, null);
        CompiledRules compiled;
        try {
            compiled = CompiledRules.compile(source);
        } catch (RuleCompilationException e) {
            throw new ReloadRejectedException(source.origin(), source.version(), null, e.problems(), List.of(), e);
        }
        PolicyEngine engine = PolicyEngine.of(compiled);
        List<String> failures = specs.failures(engine);
        if (!failures.isEmpty()) {
            throw new ReloadRejectedException(source.origin(), source.version(), null, List.of(), failures, null);
        }
        return new RulesManager(rules, specs, engine);
    }

    /** The engine; it always evaluates with the rules serving when the evaluation starts. */
    public PolicyEngine engine() {
        return engine;
    }

    /** The version of the rules serving now. */
    public String version() {
        return engine.rules().version();
    }

    public Path rulesDirectory() {
        return rules;
    }

    public Path specsDirectory() {
        return specs.directory();
    }

    /** Tells {@code listener} the outcome of every reload, on demand or on a change of the files. */
    public void onReload(Consumer<ReloadOutcome> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Reads the directory again and swaps in its rules if they differ from those serving, compile and pass every
     * spec case.
     *
     * @return {@link ReloadOutcome.Result#SWAPPED} or {@link ReloadOutcome.Result#UNCHANGED}
     * @throws ReloadRejectedException with every problem or failing case; the rules serving keep serving
     */
    public ReloadOutcome reload() {
        synchronized (reloading) {
            String serving = version();
            ReloadOutcome outcome;
            try {
                RuleSource source = read(rules, serving);
                if (source.version().equals(serving)) {
                    outcome = new ReloadOutcome(ReloadOutcome.Result.UNCHANGED, serving, serving, null, Instant.now());
                } else {
                    CompiledRules swapped = engine.reload(source, specs);
                    outcome = new ReloadOutcome(ReloadOutcome.Result.SWAPPED, swapped.version(), swapped.version(),
                            null, Instant.now());
                    LOG.info("rules {} from {} now serve, replacing {}", swapped.version(), rules, serving);
                }
            } catch (ReloadRejectedException e) {
                LOG.warn("{}", e.getMessage());
                tell(new ReloadOutcome(ReloadOutcome.Result.REJECTED, e.rejectedVersion(), serving, e, Instant.now()));
                throw e;
            }
            tell(outcome);
            return outcome;
        }
    }

    /**
     * Reloads whenever a file of the rules or specs directory changes, once no change has been seen for
     * {@code quietPeriod} (an editor's save, or a checkout of several files, is one reload). Outcomes go to the
     * listeners; a refused reload leaves the rules serving in place.
     */
    public synchronized void watch(Duration quietPeriod) throws IOException {
        if (watcher != null) {
            throw new IllegalStateException("already watching " + rules);
        }
        WatchService service = rules.getFileSystem().newWatchService();
        for (Path dir : new Path[]{rules, specs.directory()}) {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        long quietMillis = Math.max(1, quietPeriod.toMillis());
        Thread thread = new Thread(() -> watchLoop(service, quietMillis), "rules-watcher " + rules.getFileName());
        thread.setDaemon(true);
        watchService = service;
        watcher = thread;
        thread.start();
    }

    private void watchLoop(WatchService service, long quietMillis) {
        try {
            while (true) {
                drain(service.take());
                WatchKey more;
                while ((more = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    reload();
                } catch (ReloadRejectedException e) {
                    // told to the listeners and logged; the rules serving keep serving
                } catch (RuntimeException e) {
                    LOG.error("reloading the rules of {} failed", rules, e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    /** Stops watching. The engine keeps serving the rules it has. */
    @Override
    public synchronized void close() {
        if (watcher == null) {
            return;
        }
        try {
            watchService.close();
            watcher.join(TimeUnit.SECONDS.toMillis(30));
        } catch (IOException e) {
            LOG.warn("closing the watch of {}", rules, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watcher = null;
            watchService = null;
        }
    }

    private void tell(ReloadOutcome outcome) {
        for (Consumer<ReloadOutcome> listener : listeners) {
            try {
                listener.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warn("a reload listener failed", e);
            }
        }
    }

    /**
     * The {@code *.drl} files and the clause catalogue directly in {@code directory}: regular files only (a symbolic link is refused, it
     * could lead out of the configured place), UTF-8, within the size limits.
     */
    static RuleSource read(Path directory, String serving) {
        Map<String, String> files = new TreeMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                "{*.drl," + ClauseCatalogue.FILE + "}")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p)) {
                    problems.add(new RuleProblem(name, 0, "is a symbolic link; rule files must be regular files in "
                            + directory));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (files.size() + problems.size() >= MAX_RULE_FILES) {
                        problems.add(new RuleProblem(name, 0, "more than " + MAX_RULE_FILES + " rule files in "
                                + directory));
                        break;
                    }
                    long size = Files.size(p);
                    if (size > MAX_RULE_FILE_BYTES) {
                        problems.add(new RuleProblem(name, 0, "is " + size + " bytes; a rule file may have at most "
                                + MAX_RULE_FILE_BYTES));
                        continue;
                    }
                    try {
                        files.put(name, StandardCharsets.UTF_8.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(Files.readAllBytes(p))).toString());
                    } catch (CharacterCodingException e) {
                        problems.add(new RuleProblem(name, 0, "is not valid UTF-8"));
                    }
                }
            }
        } catch (IOException e) {
            problems.add(new RuleProblem("", 0, "cannot read the rules directory " + directory + ": " + e));
        }
        if (problems.isEmpty() && files.keySet().stream().noneMatch(f -> f.endsWith(".drl"))) {
            problems.add(new RuleProblem("", 0, "no rule files (*.drl) in " + directory));
        }
        if (!problems.isEmpty()) {
            throw new ReloadRejectedException(directory.toString(), "(not read)", serving, problems, List.of(), null);
        }
        return new RuleSource(directory.toString(), files);
    }
}
