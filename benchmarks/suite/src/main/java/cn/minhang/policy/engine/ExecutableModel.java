package cn.minhang.policy.engine;

import java.util.List;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Builds the same rule files with Drools' executable model instead of the classic DRL compiler, for the
 * compiler comparison. Benchmark code only: the engine ships with the classic compiler.
 */
public final class ExecutableModel {
    private static int builds;

    private ExecutableModel() {
    }

    public static synchronized KieBase build(RuleSource source) {
        KieServices ks = KieServices.get();
        ReleaseId releaseId = ks.newReleaseId("cn.minhang.policy.rules", "exec-" + ++builds, "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        CompiledRules.kieFiles(source).forEach((name, text) ->
                kfs.write("src/main/resources/cn/minhang/policy/rules/" + name, text));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the executable model does not compile the rules: " + errors);
        }
        // The engine's configuration (an immutable rule base), so that the comparison is of the compilers alone.
        KieBase kieBase = ks.newKieContainer(releaseId).newKieBase(CompiledRules.kieBaseConfiguration());
        ks.getRepository().removeKieModule(releaseId);
        return kieBase;
    }
}
