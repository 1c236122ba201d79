package cn.minhang.policy.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ApplicationChecks;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.Problem;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * The facade: compiles the rules once, then evaluates applications on any number of threads, each in a session
 * of its own, and returns an immutable, explained {@link Decision}.
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.fromClasspath();          // or fromDirectory(Path.of("rules"))
 * Decision decision = engine.evaluate(application);
 * decision.totalGranted();                                       // 2400000.00
 * decision.lines().get(0).explanation(Language.ZH);
 * }</pre>
 *
 * <p>{@link #reload(RuleSource)} swaps in new rules only if they compile, and
 * {@link #reload(RuleSource, ReloadGate)} only if they also pass their checks (the spec files); a broken edit
 * leaves the rules that were serving in place. The swap is one atomic reference write: an evaluation takes the
 * rules once, when it starts, and finishes on them, so every decision is made by exactly one version and names
 * it ({@link Decision#rulesVersion()}).
 */
public final class PolicyEngine {
    /** A session that fires more rules than this is taken to loop: an error, not a hang. */
    static final int MAX_FIRINGS = 1_000_000;

    private final AtomicReference<CompiledRules> current;
    /** Reloads are made one at a time, so that the last one to finish is the one that serves. */
    private final Object reloading = new Object();

    private PolicyEngine(CompiledRules rules) {
        this.current = new AtomicReference<>(rules);
    }

    /** The rules packaged in the jar. */
    public static PolicyEngine fromClasspath() {
        return of(RuleSource.classpath());
    }

    /** The {@code *.drl} files of a rules directory, such as an analyst's edited copy of {@code rules/}. */
    public static PolicyEngine fromDirectory(Path directory) {
        return of(RuleSource.directory(directory));
    }

    /** @throws RuleCompilationException with every problem, file and line, if the rules do not compile */
    public static PolicyEngine of(RuleSource source) {
        return new PolicyEngine(CompiledRules.compile(source));
    }

    /** An engine on rules already compiled (for example a candidate being checked before it serves). */
    public static PolicyEngine of(CompiledRules rules) {
        return new PolicyEngine(Objects.requireNonNull(rules, "rules"));
    }

    /** The rules serving now. */
    public CompiledRules rules() {
        return current.get();
    }

    /**
     * Compiles {@code source} and, only if it compiles, makes it the rules that serve.
     *
     * @throws RuleCompilationException with every problem; the rules serving before keep serving
     */
    public CompiledRules reload(RuleSource source) {
        synchronized (reloading) {
            CompiledRules compiled = CompiledRules.compile(source);
            current.set(compiled);
            return compiled;
        }
    }

    /**
     * Compiles {@code source}, runs {@code gate} on an engine of its own over the new rules, and only if both
     * succeed makes them the rules that serve. Evaluations running meanwhile, and any that start before the
     * swap, are made by the rules serving before.
     *
     * @throws ReloadRejectedException with every compile problem, or with every failure of the gate; the rules
     *                                 serving before keep serving
     */
    public CompiledRules reload(RuleSource source, ReloadGate gate) {
        Objects.requireNonNull(gate, "gate");
        synchronized (reloading) {
            String serving = current.get().version();
            CompiledRules compiled;
            try {
                compiled = CompiledRules.compile(source);
            } catch (RuleCompilationException e) {
                throw new ReloadRejectedException(source.origin(), source.version(), serving, e.problems(), List.of(), e);
            }
            List<String> failures;
            try {
                failures = List.copyOf(gate.failures(PolicyEngine.of(compiled)));
            } catch (RuntimeException e) {
                failures = List.of("the check of the new rules could not run: " + e);
            }
            if (!failures.isEmpty()) {
                throw new ReloadRejectedException(source.origin(), source.version(), serving, List.of(), failures, null);
            }
            current.set(compiled);
            return compiled;
        }
    }

    /**
     * Evaluates one application.
     *
     * @throws cn.minhang.policy.model.InvalidApplicationException if its facts contradict each other (duplicate
     *                                                             ids, an award for an unknown subject) or it
     *                                                             has more than {@link Limits#MAX_FACTS} facts,
     *                                                             or more than
     *                                                             {@link Limits#MAX_WEIGHED_ALTERNATIVES}
     *                                                             alternatives to weigh under a binding cap
     */
    public Decision evaluate(Application application) {
        return evaluate(application, null);
    }

    /** Evaluates one application and tells {@code firedRules} the name of every rule that fires. */
    public Decision evaluate(Application application, Consumer<String> firedRules) {
        Objects.requireNonNull(application, "application");
        List<Object> input = application.facts();
        if (input.size() - 1 > Limits.MAX_FACTS) {
            throw new InvalidApplicationException(List.of(new Problem("$", "the application has " + (input.size() - 1)
                    + " facts; at most " + Limits.MAX_FACTS + " are allowed in one application")));
        }
        ApplicationChecks.requireValid(application);
        CompiledRules rules = current.get();
        // A session of the pool is reset, not re-created; a listener is added only to a session of its own, so
        // that it never outlives this evaluation.
        KieSession session = firedRules == null ? rules.pooledSession() : rules.newSession();
        try {
            if (firedRules != null) {
                session.addEventListener(new DefaultAgendaEventListener() {
                    @Override
                    public void afterMatchFired(AfterMatchFiredEvent event) {
                        firedRules.accept(event.getMatch().getRule().getName());
                    }
                });
            }
            for (Object fact : input) {
                session.insert(fact);
            }
            int fired;
            try {
                fired = session.fireAllRules(MAX_FIRINGS);
            } catch (RuntimeException e) {
                // A limit of the input that only the rules can see (MostFavourable's) is the input's problem.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof InvalidApplicationException invalid) {
                        throw new InvalidApplicationException(invalid.problems());
                    }
                }
                throw e;
            }
            if (fired >= MAX_FIRINGS) {
                throw new IllegalStateException("the rules fired " + fired + " times without settling on application '"
                        + application.id() + "': a rule is looping");
            }
            return DecisionAssembler.assemble(application, session, rules.catalogue(), rules.version());
        } finally {
            session.dispose();
        }
    }
}
