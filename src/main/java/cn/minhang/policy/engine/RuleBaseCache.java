package cn.minhang.policy.engine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled packages of a rule base kept on disk, so that a process that starts again on the same rules does
 * not compile them again: in a fresh JVM the compile costs about 1.5 s, reading the packages back about a third
 * of that. It is used only where a directory is named ({@code -Dpolicy.rules.cache=DIR}; the {@code ./policy}
 * launcher names {@code target/rules-cache}); an embedder who names none never reads or writes a file.
 *
 * <p>A stale entry can never serve: an entry's name is the SHA-256 of the rules' version (a hash of every rule
 * file's name and text), of the bytes of the library's own jar (the model, the engine and the rules' helpers),
 * of the class path (Drools' version is in it) and of the JVM's version. Without a jar to hash (classes run from
 * a directory) nothing is cached. An entry that cannot be read is deleted and the rules are compiled.
 *
 * <p>Entries are Java-serialised Drools packages (Drools' own {@code Externalizable} form), read back through a
 * filter that admits only the JDK's, Drools', MVEL's and this library's classes. The directory needs the trust
 * of the jar beside it: whoever can write there can also replace the jar.
 */
final class RuleBaseCache {
    static final String PROPERTY = "policy.rules.cache";
    private static final Logger LOG = LoggerFactory.getLogger(RuleBaseCache.class);
    private static final ObjectInputFilter ONLY_KNOWN_CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=200;java.**;org.drools.**;org.kie.**;org.mvel2.**;cn.minhang.policy.**;!*");

    /** How many entries are kept: the rules of the last few edits and of a comparison's two sides. */
    static final int KEPT = 16;

    private final Path directory;
    private final String libraryHash;

    private RuleBaseCache(Path directory, String libraryHash) {
        this.directory = directory;
        this.libraryHash = libraryHash;
    }

    /** A cache in {@code directory} for the library whose code hashes to {@code libraryHash}. */
    static RuleBaseCache in(Path directory, String libraryHash) {
        return new RuleBaseCache(directory, libraryHash);
    }

    /** The cache named by {@value #PROPERTY}, or null when none is named or the library is not a jar. */
    static RuleBaseCache configured() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path jar = libraryJar();
        if (jar == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return new RuleBaseCache(Path.of(dir), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.debug("no rule-base cache: cannot hash {}", jar, e);
            return null;
        }
    }

    private static Path libraryJar() {
        CodeSource code = RuleBaseCache.class.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(code.getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The entry of these rules, for this library, class path and JVM. */
    Path entry(RuleSource source) {
        String key = String.join("\n", "policy-rule-base-cache 1", source.version(), libraryHash,
                System.getProperty("java.class.path", ""), System.getProperty("java.vm.version", ""));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(hash) + ".packages");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rule base of the entry, or null when there is none or it cannot be read (it is then deleted). */
    KieBase read(RuleSource source) {
        Path entry = entry(source);
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (ObjectInputStream in = new DroolsObjectInputStream(new BufferedInputStream(Files.newInputStream(entry),
                1 << 16), RuleBaseCache.class.getClassLoader())) {
            in.setObjectInputFilter(ONLY_KNOWN_CLASSES);
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) in.readObject();
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(CompiledRules.kieBaseConfiguration());
            kieBase.addPackages(packages);
            return kieBase;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            LOG.warn("the cached rule base {} cannot be read ({}); compiling the rules", entry, e.toString());
            try {
                Files.deleteIfExists(entry);
            } catch (IOException ignored) {
                // compiled anyway; the next write replaces it
            }
            return null;
        }
    }

    /** Keeps the {@link #KEPT} entries written last, so that a long series of edits does not fill the disk. */
    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(directory)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".packages"))
                    .sorted(Comparator.comparing(RuleBaseCache::modified).reversed()).toList();
        }
        for (Path old : entries.subList(Math.min(KEPT, entries.size()), entries.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Keeps the packages of a rule base just compiled; a failure to write is logged, never raised. */
    void write(RuleSource source, Collection<KiePackage> packages) {
        Path entry = entry(source);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "writing-", ".tmp");
            try (OutputStream file = Files.newOutputStream(temporary);
                 ObjectOutputStream out = new DroolsObjectOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                out.writeObject(new ArrayList<>(packages));
            }
            Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot keep the compiled rules in {}: {}", directory, e.toString());
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
