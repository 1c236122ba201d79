package cn.minhang.policy.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.population.PopulationGenerator;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.conf.ThreadSafeOption;

import static org.assertj.core.api.Assertions.assertThat;

/** A rule base read back from the cache decides exactly as the one compiled from the files. */
class RuleBaseCacheTest {
    private static final RuleSource RULES = RuleSource.directory(Path.of("rules"));
    private static final List<Application> APPLICATIONS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void applications() {
        for (SpecCase c : SpecRunner.load(Path.of("specs"))) {
            if (c.expectedErrorPaths().isEmpty()) {
                APPLICATIONS.add(ApplicationReader.fromTree(c.application()));
            }
        }
        new PopulationGenerator(20260702).stream(2_000).forEach(APPLICATIONS::add);
    }

    @Test
    void theRulesReadBackDecideEveryApplicationAsTheCompiledRules() throws Exception {
        RuleBaseCache cache = RuleBaseCache.in(dir, "library-1");
        CompiledRules compiled = CompiledRules.compile(RULES, cache);
        Path entry = cache.entry(RULES);
        assertThat(entry).isRegularFile();
        assertThat(cache.read(RULES)).isNotNull();

        CompiledRules read = CompiledRules.compile(RULES, cache);
        assertThat(read.kieBase()).isNotSameAs(compiled.kieBase());
        assertThat(read.rules()).isEqualTo(compiled.rules());
        assertThat(read.version()).isEqualTo(compiled.version());
        PolicyEngine fromFiles = PolicyEngine.of(compiled);
        PolicyEngine fromCache = PolicyEngine.of(read);
        for (Application a : APPLICATIONS) {
            assertThat(fromCache.evaluate(a)).as(a.id()).isEqualTo(fromFiles.evaluate(a));
        }
        List<String> firedFromFiles = new ArrayList<>();
        List<String> firedFromCache = new ArrayList<>();
        fromFiles.evaluate(APPLICATIONS.get(0), firedFromFiles::add);
        fromCache.evaluate(APPLICATIONS.get(0), firedFromCache::add);
        assertThat(firedFromCache).isNotEmpty().containsExactlyInAnyOrderElementsOf(firedFromFiles);
        for (CompiledRules rules : List.of(compiled, read)) {
            org.kie.api.runtime.KieSession session = rules.pooledSession(new InsertedFacts());
            try {
                // Both rule bases are configured alike: their sessions need no locking (one thread uses each).
                assertThat(session.getSessionConfiguration().getOption(ThreadSafeOption.KEY))
                        .isEqualTo(ThreadSafeOption.NO);
            } finally {
                session.dispose();
            }
        }
    }

    @Test
    void otherRulesOrAnotherLibraryNeverShareAnEntry() {
        RuleBaseCache cache = RuleBaseCache.in(dir, "library-1");
        RuleSource edited = RULES.with("m01-core-components.drl",
                RULES.files().get("m01-core-components.drl") + "\n// an edit\n");
        assertThat(cache.entry(edited)).isNotEqualTo(cache.entry(RULES));
        assertThat(RuleBaseCache.in(dir, "library-2").entry(RULES)).isNotEqualTo(cache.entry(RULES));
    }

    @Test
    void onlyTheEntriesWrittenLastAreKept() throws Exception {
        RuleBaseCache cache = RuleBaseCache.in(dir, "library-1");
        for (int i = 0; i < RuleBaseCache.KEPT + 2; i++) {
            Path old = dir.resolve("old-" + i + ".packages");
            Files.createDirectories(dir);
            Files.writeString(old, "x");
            old.toFile().setLastModified(System.currentTimeMillis() - 60_000 * (i + 1));
        }
        CompiledRules.compile(RULES, cache);
        try (Stream<Path> left = Files.list(dir)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertThat(names).hasSize(RuleBaseCache.KEPT).contains(cache.entry(RULES).getFileName().toString())
                    .doesNotContain("old-" + (RuleBaseCache.KEPT - 1) + ".packages", "old-" + RuleBaseCache.KEPT + ".packages");
        }
    }

    @Test
    void anEntryThatCannotBeReadIsDeletedAndTheRulesAreCompiled() throws Exception {
        RuleBaseCache cache = RuleBaseCache.in(dir, "library-1");
        Path entry = cache.entry(RULES);
        Files.createDirectories(dir);
        Files.write(entry, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3});
        assertThat(cache.read(RULES)).isNull();
        assertThat(entry).doesNotExist();
        CompiledRules compiled = CompiledRules.compile(RULES, cache);
        assertThat(compiled.rules()).isNotEmpty();
        assertThat(entry).isRegularFile();
    }

    @Test
    void aSerialisedObjectOfAnyOtherKindIsRefused() throws Exception {
        RuleBaseCache cache = RuleBaseCache.in(dir, "library-1");
        Path entry = cache.entry(RULES);
        Files.createDirectories(dir);
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(entry))) {
            out.writeObject(new ArrayList<>(List.of(new javax.swing.text.SimpleAttributeSet())));
        }
        assertThat(cache.read(RULES)).isNull();
        assertThat(entry).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
