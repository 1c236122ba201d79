package cn.minhang.policy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The text of a set of rule files, read once: from a directory an analyst edits, or from the copy packaged in
 * the jar. The files are the {@code *.drl} rule files and the clause catalogue beside them,
 * {@value ClauseCatalogue#FILE}. Its version is a hash of every file's name and content, catalogue included, so a
 * decision names exactly the rules that made it.
 *
 * @param origin where the files were read from, for messages
 * @param files  file name (relative to the rules directory) to its text
 */
public record RuleSource(String origin, Map<String, String> files) {
    /** Where the packaged copy of {@code rules/} lives on the classpath. */
    public static final String CLASSPATH_FOLDER = "rules";

    public RuleSource {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        if (files.keySet().stream().noneMatch(f -> f.endsWith(".drl"))) {
            throw new IllegalArgumentException("no rule files (*.drl) in " + origin);
        }
    }

    /** Every {@code *.drl} file in {@code directory} and its {@value ClauseCatalogue#FILE}. */
    public static RuleSource directory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("rules directory " + directory + " does not exist");
        }
        try (Stream<Path> paths = Files.list(directory)) {
            Map<String, String> files = new TreeMap<>();
            List<RuleProblem> problems = new ArrayList<>();
            for (Path p : paths.filter(p -> isRulesFile(p.getFileName().toString()) && Files.isRegularFile(p))
                    .toList()) {
                try {
                    files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
                } catch (java.nio.charset.CharacterCodingException e) {
                    problems.add(new RuleProblem(p.getFileName().toString(), 0, "is not valid UTF-8"));
                }
            }
            if (!problems.isEmpty()) {
                throw new RuleCompilationException(directory.toString(), problems);
            }
            return new RuleSource(directory.toString(), files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rules from " + directory, e);
        }
    }

    /** The rules packaged in the jar (or, in a build tree, in target/classes). */
    public static RuleSource classpath() {
        URL url = RuleSource.class.getClassLoader().getResource(CLASSPATH_FOLDER);
        if (url == null) {
            throw new IllegalStateException("no packaged rules on the classpath at /" + CLASSPATH_FOLDER);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(CLASSPATH_FOLDER), "classpath:" + CLASSPATH_FOLDER);
                }
            }
            return read(Path.of(uri), "classpath:" + CLASSPATH_FOLDER);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the packaged rules at " + url, e);
        }
    }

    private static RuleSource read(Path folder, String origin) throws IOException {
        try (Stream<Path> paths = Files.list(folder)) {
            Map<String, String> files = new TreeMap<>();
            for (Path p : paths.filter(p -> isRulesFile(p.getFileName().toString())).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    files.put(p.getFileName().toString(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return new RuleSource(origin, files);
        }
    }

    /** Whether a file of a rules directory belongs to the rules: a {@code *.drl} file or the clause catalogue. */
    public static boolean isRulesFile(String name) {
        return name.endsWith(".drl") || name.equals(ClauseCatalogue.FILE);
    }

    /** The {@code *.drl} files, by name. */
    public Map<String, String> drlFiles() {
        TreeMap<String, String> drl = new TreeMap<>(files);
        drl.keySet().removeIf(f -> !f.endsWith(".drl"));
        return Collections.unmodifiableSortedMap(drl);
    }

    /** The text of the clause catalogue, {@value ClauseCatalogue#FILE}; null if the rules have none. */
    public String catalogue() {
        return files.get(ClauseCatalogue.FILE);
    }

    /** A copy with one file's text replaced (or added). */
    public RuleSource with(String file, String text) {
        TreeMap<String, String> copy = new TreeMap<>(files);
        copy.put(file, text);
        return new RuleSource(origin + " (edited)", copy);
    }

    /** "sha256:" and the first 16 hex digits of the hash of every file name and text, in name order. */
    public String version() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
