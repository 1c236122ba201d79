package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule base compiled from a {@link RuleSource}: immutable, shared by every evaluation on every thread.
 */
public final class CompiledRules {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledRules.class);
    private static final AtomicLong BUILDS = new AtomicLong();
    /** Where the files go in the in-memory module: the folder of their DRL package, as Drools expects. */
    private static final String RESOURCE_ROOT = "src/main/resources/cn/minhang/policy/rules/";
    private static final Pattern RULE_HEADER = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final RuleSource source;
    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final String version;
    /**
     * Sessions for evaluations: dispose() resets a session and gives it back, so its node and segment memories
     * are created once per session rather than once per evaluation. The pool grows with the threads using it.
     */
    private final KieSessionsPool sessions;
    /**
     * A pooled session serves one evaluation, on one thread, at a time, so it needs none of the locking that lets
     * several threads insert into one session: without it an evaluation takes about 6% less time (CompareOptions
     * in the benchmarks, which also found direct firing no faster and an immutable rule base wrong).
     */
    private final KieSessionConfiguration sessionConfiguration;

    private CompiledRules(RuleSource source, KieBase kieBase, List<RuleInfo> rules) {
        this.source = source;
        this.version = source.version();
        this.kieBase = kieBase;
        this.rules = List.copyOf(rules);
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.sessionConfiguration = KieServices.get().newKieSessionConfiguration();
        this.sessionConfiguration.setOption(ThreadSafeOption.NO);
    }

    /**
     * Compiles every file of {@code source}. Fails with every problem, each with its file and line: code that
     * reaches outside the policy's own types ({@link RuleSafety}, checked before anything is compiled, since the
     * compiler itself evaluates parts of a rule file), compiler errors, and rules without a known {@code @clause}.
     */
    public static CompiledRules compile(RuleSource source) {
        return compile(source, RuleBaseCache.configured());
    }

    /** The same, reading and keeping the compiled rule base in {@code cache} (none when null). */
    static CompiledRules compile(RuleSource source, RuleBaseCache cache) {
        long started = System.nanoTime();
        List<RuleProblem> unsafe = new ArrayList<>();
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            unsafe.addAll(RuleSafety.check(file.getKey(), file.getValue()));
        }
        if (!unsafe.isEmpty()) {
            unsafe.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.origin(), unsafe);
        }
        KieBase cached = cache == null ? null : cache.read(source);
        KieBase kieBase = cached != null ? cached : build(source);

        List<RuleProblem> problems = new ArrayList<>();
        Map<String, RuleInfo> located = locate(source);
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo where = located.get(rule.getName());
                String file = where == null ? "" : where.file();
                int line = where == null ? 0 : where.line();
                Object clause = rule.getMetaData().get("clause");
                if (clause == null) {
                    problems.add(new RuleProblem(file, line, "rule \"" + rule.getName() + "\" has no @clause(\"…\")"));
                } else if (!Clause.exists(String.valueOf(clause))) {
                    problems.add(new RuleProblem(file, line, "rule \"" + rule.getName() + "\" names unknown clause \""
                            + clause + "\""));
                }
                rules.add(new RuleInfo(rule.getName(), clause == null ? "" : String.valueOf(clause), file, line));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.origin(), problems);
        }
        rules.sort(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line));
        if (cache != null && cached == null) {
            cache.write(source, kieBase.getKiePackages());
        }
        LOG.info("{} {} rules from {} files of {} ({}) in {} ms", cached == null ? "compiled" : "read the compiled",
                rules.size(), source.files().size(), source.origin(), source.version(),
                (System.nanoTime() - started) / 1_000_000);
        return new CompiledRules(source, kieBase, rules);
    }

    /** Compiles the files with Drools' classic compiler; every compiler error with its file and line. */
    private static KieBase build(RuleSource source) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("cn.minhang.policy.rules", "build-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            kfs.write(RESOURCE_ROOT + file.getKey(), file.getValue());
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath().substring(m.getPath().lastIndexOf('/') + 1);
            problems.add(new RuleProblem(path, Math.max(m.getLine(), 0), m.getText().strip()));
        }
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.origin(), problems);
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /** Where each rule is written, by name, from the text itself. */
    private static Map<String, RuleInfo> locate(RuleSource source) {
        Map<String, RuleInfo> located = new java.util.HashMap<>();
        for (Map.Entry<String, String> file : source.files().entrySet()) {
            String[] lines = file.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = RULE_HEADER.matcher(lines[i]);
                if (m.find()) {
                    located.put(m.group(1), new RuleInfo(m.group(1), "", file.getKey(), i + 1));
                }
            }
        }
        return located;
    }

    public RuleSource source() {
        return source;
    }

    public String version() {
        return version;
    }

    /** Every rule, in file and line order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** A reset session from the pool; {@code dispose()} returns it. */
    KieSession pooledSession() {
        return sessions.newKieSession(sessionConfiguration);
    }
}
