package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Files the command-line tests work on. */
final class Fixtures {
    static final Path RULES = Path.of("rules");

    static final String APPLICATION = """
            {"id": "A1", "applicationDate": "2026-03-01",
             "enterprise": {"id": "E1", "name": "示例关节科技有限公司", "locatedInDistrict": true, "embodiedAiField": true},
             "products": [
               {"id": "P1", "name": "一体化关节模组", "category": "INTEGRATED_JOINT", "rndInvestment": "8000000",
                "ownIp": true, "marketSales": true},
               {"id": "P2", "name": "伺服系统", "category": "SERVO_SYSTEM", "rndInvestment": 15000000,
                "ownIp": true, "marketSales": true}],
             "computeExpenses": [{"id": "C1", "year": 2026, "actualCost": "20000000", "majorInnovation": true}],
             "otherAwards": [{"id": "O1", "policy": "上海市产业高质量发展专项资金", "level": "MUNICIPAL",
                              "subject": "P1", "amount": "2800000"}]}
            """;

    private Fixtures() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A copy of the shipped rules in {@code dir}. */
    static Path copyOfRules(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(RULES)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** The line of a file on which {@code text} first occurs, from 1. */
    static int lineOf(Path file, String text) throws IOException {
        java.util.List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("'" + text + "' is not in " + file);
    }

    /** Replaces {@code from} by {@code to} in one file of a rules copy; fails if {@code from} is not there once. */
    static void edit(Path rules, String file, String from, String to) throws IOException {
        Path f = rules.resolve(file);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("'" + from + "' is not in " + f + " exactly once");
        }
        Files.writeString(f, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
