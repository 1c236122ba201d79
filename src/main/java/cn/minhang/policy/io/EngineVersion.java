package cn.minhang.policy.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this library (the Maven project version), as every decision's audit names it. */
public final class EngineVersion {
    private static final String RESOURCE = "engine.properties";
    private static final String VERSION = load();

    private EngineVersion() {
    }

    /** "0.1.0-SNAPSHOT": the project version the jar was built as. */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + EngineVersion.class.getName()
                        + ": the build did not package it");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "").strip();
            if (version.isEmpty() || version.startsWith("${")) {
                throw new IllegalStateException(RESOURCE + " was not filled in by the build: '" + version + "'");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
