package cn.minhang.policy.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ApplicationChecks;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.KieBaseOption;
import org.kie.api.KieServices;
import org.kie.api.command.Command;
import org.kie.api.command.KieCommands;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.ExecutionResults;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.KieSessionOption;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * The ways a session can be had for one evaluation, side by side on the same compiled rules, for the session
 * benchmark: a new stateful session, a stateful session from a pool (reset, not re-created), a new stateless
 * session, and a stateless session over a pool. Everything else is what {@link PolicyEngine#evaluate} does.
 * Benchmark code: it lives in the engine's package only to reach the compiled KieBase.
 */
public final class SessionModes {
    private static final KieCommands COMMANDS = KieServices.get().getCommands();
    /** The facts of the stateless execution running on this thread (a stateless session's listeners are shared). */
    private static final ThreadLocal<InsertedFacts> STATELESS_FACTS = new ThreadLocal<>();
    private static final RuleRuntimeEventListener TO_THIS_THREADS_FACTS = new RuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            STATELESS_FACTS.get().objectInserted(event);
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            STATELESS_FACTS.get().objectUpdated(event);
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            STATELESS_FACTS.get().objectDeleted(event);
        }
    };

    private final String version;
    private final ClauseCatalogue catalogue;
    private final KieBase kieBase;
    private final KieSessionsPool pool;
    private final StatelessKieSession pooledStateless;
    private final KieSessionConfiguration configuration;
    /** Whether a stateful session's facts are read from an {@link InsertedFacts} listener instead of getObjects(). */
    private final boolean listened;

    public SessionModes(PolicyEngine engine) {
        this(engine.rules().kieBase(), engine.rules().catalogue(), engine.rules().version());
    }

    /** The same modes on another build of the rules (the executable model), built from {@link CompiledRules#kieFiles}. */
    public SessionModes(KieBase kieBase, ClauseCatalogue catalogue, String version) {
        this(kieBase, catalogue, version, null);
    }

    /** The modes with sessions of the given configuration (null: the default). */
    public SessionModes(KieBase kieBase, ClauseCatalogue catalogue, String version,
                        KieSessionConfiguration configuration) {
        this(kieBase, catalogue, version, configuration, true);
    }

    /**
     * The modes with sessions of the given configuration (null: the default), reading a session's facts from a
     * listener that sees every insert, as the engine does ({@code listened}), or from {@code getObjects()}, which
     * misses the facts no pattern matches where the rule base is immutable.
     */
    public SessionModes(KieBase kieBase, ClauseCatalogue catalogue, String version,
                        KieSessionConfiguration configuration, boolean listened) {
        this.listened = listened;
        this.version = version;
        this.catalogue = catalogue;
        this.kieBase = kieBase;
        this.configuration = configuration;
        this.pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        this.pooledStateless = configuration == null ? pool.newStatelessKieSession()
                : pool.newStatelessKieSession(configuration);
        this.pooledStateless.setGlobal(CompiledRules.CATALOGUE_GLOBAL, catalogue);
        if (listened) {
            this.pooledStateless.addEventListener(TO_THIS_THREADS_FACTS);
        }
    }

    /** A session configuration with the given options set. */
    public static KieSessionConfiguration configuration(KieSessionOption... options) {
        KieSessionConfiguration conf = KieServices.get().newKieSessionConfiguration();
        for (KieSessionOption option : options) {
            conf.setOption(option);
        }
        return conf;
    }

    /** A classic build of {@code source} into a rule base configured as the engine's are, with {@code more}. */
    public static KieBase engineKieBase(RuleSource source, KieBaseOption... more) {
        KieBaseConfiguration conf = CompiledRules.kieBaseConfiguration();
        for (KieBaseOption option : more) {
            conf.setOption(option);
        }
        return classicKieBase(source, conf);
    }

    /** A classic build of {@code source} into a rule base with the given options. */
    public static KieBase classicKieBase(RuleSource source, KieBaseOption... options) {
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration();
        for (KieBaseOption option : options) {
            conf.setOption(option);
        }
        return classicKieBase(source, conf);
    }

    private static KieBase classicKieBase(RuleSource source, KieBaseConfiguration conf) {
        KieServices ks = KieServices.get();
        org.kie.api.builder.ReleaseId releaseId = ks.newReleaseId("cn.minhang.policy.rules",
                "options-" + System.nanoTime(), "1.0.0");
        org.kie.api.builder.KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        CompiledRules.kieFiles(source).forEach((name, text) ->
                kfs.write("src/main/resources/cn/minhang/policy/rules/" + name, text));
        ks.newKieBuilder(kfs).buildAll();
        return ks.newKieContainer(releaseId).newKieBase(conf);
    }

    /** A new stateful session per evaluation, disposed after it. */
    public Decision freshStateful(Application a) {
        return stateful(configuration == null ? kieBase.newKieSession()
                : kieBase.newKieSession(configuration, null), a);
    }

    /** A stateful session from the pool; dispose() resets it and gives it back. */
    public Decision pooledStateful(Application a) {
        return stateful(configuration == null ? pool.newKieSession() : pool.newKieSession(configuration), a);
    }

    /** A new stateless session per evaluation: insert, fire and collect as one batch of commands. */
    public Decision freshStateless(Application a) {
        StatelessKieSession session = configuration == null ? kieBase.newStatelessKieSession()
                : kieBase.newStatelessKieSession(configuration);
        if (listened) {
            session.addEventListener(TO_THIS_THREADS_FACTS);
        }
        return stateless(session, a);
    }

    /** A stateless session over the pool: each batch runs in a pooled stateful session. */
    public Decision pooledStateless(Application a) {
        return stateless(pooledStateless, a);
    }

    public void shutdown() {
        pool.shutdown();
    }

    private Decision stateful(KieSession session, Application a) {
        ApplicationChecks.requireValid(a);
        CompiledRules.prepare(session, catalogue);
        InsertedFacts inserted = listened ? new InsertedFacts() : null;
        if (inserted != null) {
            session.addEventListener(inserted);
        }
        try {
            for (Object fact : a.facts()) {
                session.insert(fact);
            }
            session.fireAllRules(PolicyEngine.MAX_FIRINGS);
            return DecisionAssembler.assemble(a, inserted != null ? inserted.facts()
                    : new ArrayList<>(session.getObjects()), catalogue, version);
        } finally {
            session.dispose();
        }
    }

    /**
     * {@link #pooledStateful} with {@code listener} on the session, running {@code beforeFiring} between the
     * inserts and {@code fireAllRules}, and adding the nanoseconds of its phases to {@code phases}: the checks and
     * the facts' list [0], inserting [1], firing [2], assembling the decision [3], disposing (the reset) [4].
     */
    public Decision pooledStatefulTimed(Application a, org.kie.api.event.rule.AgendaEventListener listener,
                                        Runnable beforeFiring, long[] phases) {
        long t0 = System.nanoTime();
        ApplicationChecks.requireValid(a);
        List<Object> input = a.facts();
        KieSession session = configuration == null ? pool.newKieSession() : pool.newKieSession(configuration);
        CompiledRules.prepare(session, catalogue);
        InsertedFacts inserted = new InsertedFacts();
        session.addEventListener(inserted);
        session.addEventListener(listener);
        long t1 = System.nanoTime();
        long t2 = t1;
        long t3 = t1;
        long t4 = t1;
        try {
            for (Object fact : input) {
                session.insert(fact);
            }
            t2 = System.nanoTime();
            beforeFiring.run();
            session.fireAllRules(PolicyEngine.MAX_FIRINGS);
            t3 = System.nanoTime();
            Decision d = DecisionAssembler.assemble(a, inserted.facts(), catalogue, version);
            t4 = System.nanoTime();
            return d;
        } finally {
            session.dispose();
            long t5 = System.nanoTime();
            phases[0] += t1 - t0;
            phases[1] += t2 - t1;
            phases[2] += t3 - t2;
            phases[3] += t4 - t3;
            phases[4] += t5 - t4;
        }
    }

    @SuppressWarnings("unchecked")
    private Decision stateless(StatelessKieSession session, Application a) {
        ApplicationChecks.requireValid(a);
        session.setGlobal(CompiledRules.CATALOGUE_GLOBAL, catalogue);
        if (listened) {
            InsertedFacts facts = new InsertedFacts();
            STATELESS_FACTS.set(facts);
            try {
                session.execute(COMMANDS.newBatchExecution(List.of(COMMANDS.newInsertElements(a.facts()),
                        COMMANDS.newFireAllRules(PolicyEngine.MAX_FIRINGS))));
            } finally {
                STATELESS_FACTS.remove();
            }
            return DecisionAssembler.assemble(a, facts.facts(), catalogue, version);
        }
        List<Command<?>> commands = List.of(COMMANDS.newInsertElements(a.facts()),
                COMMANDS.newFireAllRules(PolicyEngine.MAX_FIRINGS), COMMANDS.newGetObjects("facts"));
        ExecutionResults results = session.execute(COMMANDS.newBatchExecution(commands));
        return DecisionAssembler.assemble(a, (Collection<Object>) results.getValue("facts"), catalogue,
                version);
    }
}
