package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project version as pom.xml states it. */
final class PomVersion {
    private PomVersion() {
    }

    static String get() {
        try {
            String pom = Files.readString(Path.of("pom.xml"));
            Matcher m = Pattern.compile("<artifactId>embodied-ai-policy</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(pom);
            if (!m.find()) {
                throw new IllegalStateException("no project version in pom.xml");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
