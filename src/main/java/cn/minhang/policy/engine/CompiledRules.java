package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
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
    /**
     * The session global through which a rule's consequence finds the clause catalogue of its rules: declared by a
     * file the engine adds to every build, set on every session the engine opens.
     */
    public static final String CATALOGUE_GLOBAL = "clauseCatalogue";
    private static final String GLOBAL_FILE = "engine-clause-catalogue.drl";
    private static final String GLOBAL_DECLARATION = "package cn.minhang.policy.rules;\n\nglobal "
            + ClauseCatalogue.class.getName() + " " + CATALOGUE_GLOBAL + ";\n";

    private final RuleSource source;
    private final ClauseCatalogue catalogue;
    private final KieBase kieBase;
    private final List<RuleInfo> rules;
    private final String version;
    /**
     * Sessions for evaluations: dispose() resets a session and gives it back, so its node and segment memories
     * are created once per session rather than once per evaluation. The pool grows with the threads using it.
     */
    private final KieSessionsPool sessions;

    private CompiledRules(RuleSource source, ClauseCatalogue catalogue, KieBase kieBase, List<RuleInfo> rules) {
        this.source = source;
        this.catalogue = catalogue;
        this.version = source.version();
        this.kieBase = kieBase;
        this.rules = List.copyOf(rules);
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Compiles every file of {@code source}. Fails with every problem, each with its file and line: code that
     * reaches outside the policy's own types ({@link RuleSafety}, checked before anything is compiled, since the
     * compiler itself evaluates parts of a rule file), problems of the clause catalogue ({@link ClauseCatalogue}),
     * compiler errors, rules without a known {@code @clause}, claims their clause's catalogue entry cannot
     * explain (a kind it does not give, words it lacks), and rates or caps written as text that cannot be read
     * ({@code "3O%"}, {@code "-3,000,000"}).
     */
    public static CompiledRules compile(RuleSource source) {
        return compile(source, RuleBaseCache.configured());
    }

    /** The same, reading and keeping the compiled rule base in {@code cache} (none when null). */
    static CompiledRules compile(RuleSource source, RuleBaseCache cache) {
        long started = System.nanoTime();
        List<RuleProblem> unsafe = new ArrayList<>();
        for (Map.Entry<String, String> file : source.drlFiles().entrySet()) {
            unsafe.addAll(RuleSafety.check(file.getKey(), file.getValue()));
        }
        if (!unsafe.isEmpty()) {
            unsafe.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.origin(), unsafe);
        }
        List<RuleProblem> problems = new ArrayList<>();
        ClauseCatalogue catalogue = ClauseCatalogue.parse(source.catalogue(), problems);
        Map<String, List<RuleOutline>> outlines = new java.util.TreeMap<>();
        source.drlFiles().forEach((name, text) -> outlines.put(name, RuleOutline.of(text)));
        outlines.forEach((name, rules) -> rules.forEach(r -> r.inserts().forEach(insert -> insert.literalProblems()
                .forEach(problem -> problems.add(new RuleProblem(name, insert.line(), problem))))));
        KieBase cached = cache == null ? null : cache.read(source);
        KieBase kieBase = cached != null ? cached : build(source, problems, outlines);

        Map<String, RuleInfo> located = new java.util.HashMap<>();
        outlines.forEach((name, rules) -> rules.forEach(r -> located.put(r.name(), new RuleInfo(r.name(), "", name,
                r.line()))));
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleInfo where = located.get(rule.getName());
                String file = where == null ? "" : where.file();
                int line = where == null ? 0 : where.line();
                Object clause = rule.getMetaData().get("clause");
                if (clause == null) {
                    problems.add(new RuleProblem(file, line, "rule \"" + rule.getName() + "\" has no @clause(\"…\")"));
                } else if (!catalogue.contains(String.valueOf(clause))) {
                    problems.add(new RuleProblem(file, line, catalogue.unknownClause(rule.getName(),
                            String.valueOf(clause))));
                }
                rules.add(new RuleInfo(rule.getName(), clause == null ? "" : String.valueOf(clause), file, line));
            }
        }
        problems.addAll(catalogue.check(outlines));
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
        return new CompiledRules(source, catalogue, kieBase, rules);
    }

    /**
     * Compiles the files with Drools' classic compiler. Fails with every compiler error, each with its file and line,
     * together with the {@code problems} found before (the clause catalogue's).
     */
    private static KieBase build(RuleSource source, List<RuleProblem> problems,
                                 Map<String, List<RuleOutline>> outlines) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("cn.minhang.policy.rules", "build-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kieFiles(source).forEach((name, text) -> kfs.write(RESOURCE_ROOT + name, text));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<CompilerMessages.Raw> errors = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = m.getPath() == null ? "" : m.getPath().substring(m.getPath().lastIndexOf('/') + 1);
            errors.add(new CompilerMessages.Raw(path, m.getLine(), m.getText()));
        }
        problems.addAll(CompilerMessages.of(errors, outlines, source.drlFiles()));
        if (!problems.isEmpty()) {
            ks.getRepository().removeKieModule(releaseId);
            problems.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
            throw new RuleCompilationException(source.origin(), problems);
        }
        KieBase kieBase = ks.newKieContainer(releaseId).newKieBase(kieBaseConfiguration());
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }

    /**
     * The configuration of every rule base the engine builds, compiled or read from the cache: immutable. Nothing
     * adds rules to a rule base once built (a reload builds a new one), and a session of an immutable rule base
     * keeps its facts in a plain identity map instead of a store per fact class, which the session's reset throws
     * away and the next evaluation's inserts build again: an evaluation takes about a fifth less time
     * (CompareOptions in the benchmarks). Such a session leaves out of its store any fact that no pattern matches,
     * so the facts of an evaluation are read from an {@link InsertedFacts} listener, not from the session.
     *
     * <p>Its sessions are not thread-safe ({@link ThreadSafeOption#NO}): a session serves one evaluation, on one
     * thread, at a time, so it needs none of the locking that lets several threads insert into one session; without
     * it an evaluation takes about 6% less time. The option is the rule base's default for its sessions rather than
     * a session configuration given to the pool, because the pool finds the sessions of a given configuration
     * under a key it builds anew, as a string, on every call.
     */
    static KieBaseConfiguration kieBaseConfiguration() {
        KieBaseConfiguration configuration = KieServices.get().newKieBaseConfiguration();
        configuration.setOption(KieBaseMutabilityOption.DISABLED);
        configuration.setProperty(ThreadSafeOption.PROPERTY_NAME, "false");
        return configuration;
    }

    /**
     * The files a build of {@code source} compiles, by name: its {@code *.drl} files and the engine's declaration of
     * the {@link #CATALOGUE_GLOBAL} global. For a tool that builds a rule base of its own from the same rules (the
     * benchmarks' executable model); its sessions need {@link #prepare}.
     */
    public static Map<String, String> kieFiles(RuleSource source) {
        Map<String, String> files = new java.util.TreeMap<>(source.drlFiles());
        files.put(GLOBAL_FILE, GLOBAL_DECLARATION);
        return files;
    }

    /** Gives a session of a rule base built from {@link #kieFiles} the clause catalogue its consequences need. */
    public static void prepare(org.kie.api.runtime.KieRuntime session, ClauseCatalogue catalogue) {
        session.setGlobal(CATALOGUE_GLOBAL, catalogue);
    }

    public RuleSource source() {
        return source;
    }

    public String version() {
        return version;
    }

    /** The clauses of these rules, from their {@value ClauseCatalogue#FILE}. */
    public ClauseCatalogue catalogue() {
        return catalogue;
    }

    /** Every rule, in file and line order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /** The default reading of the text that each rule applies, for the rules that state one, in file and line order. */
    public List<TextReading> readings() {
        List<TextReading> readings = new ArrayList<>();
        for (RuleInfo info : rules) {
            for (KiePackage pkg : kieBase.getKiePackages()) {
                Rule rule = kieBase.getRule(pkg.getName(), info.name());
                TextReading reading = rule == null ? null : TextReading.of(rule.getName(), rule.getMetaData());
                if (reading != null) {
                    readings.add(reading);
                    break;
                }
            }
        }
        return readings;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /**
     * A reset session from the pool, telling {@code facts} of every fact inserted into it; {@code dispose()} returns
     * it (and the reset forgets the listener).
     */
    KieSession pooledSession(InsertedFacts facts) {
        KieSession session = sessions.newKieSession();
        prepare(session, catalogue);
        session.addEventListener(facts);
        return session;
    }

    /**
     * A session of its own (for a listener that must not outlive one evaluation), telling {@code facts} of every
     * fact inserted into it; {@code dispose()} it.
     */
    KieSession newSession(InsertedFacts facts) {
        KieSession session = kieBase.newKieSession();
        prepare(session, catalogue);
        session.addEventListener(facts);
        return session;
    }
}
