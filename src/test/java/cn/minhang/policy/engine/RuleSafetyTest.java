package cn.minhang.policy.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The trust boundary: a rule file whose code reaches outside the policy's own types is refused when it is
 * compiled (so on load and on reload), with its file and line, before the compiler evaluates any of it.
 */
class RuleSafetyTest {
    /** A rule of measure 14; {@code BODY} is replaced by the code under test. */
    private static final String TEMPLATE = """
            package cn.minhang.policy.rules;

            import cn.minhang.policy.model.*;
            import cn.minhang.policy.engine.*;
            HEADER
            // 第14条 “支持产业人才发展” — System.exit(0) and new java.io.File("x") in a comment are only words.
            rule "14 A talent meeting the criteria is supported"
                @clause("14")
                METADATA
            when
                $t : Talent( meetsCriteria == true )
                CONDITION
            then
                BODY
                insert( Claim.support( kcontext, $t.id(), "推荐申报东方英才（System.exit 与 java.net.URL 只是文字）",
                        "recommended for Oriental Talent; 'Runtime.getRuntime()' here is quoted text" ) );
            end
            """;

    private static String drl(String part, String code) {
        String text = TEMPLATE;
        for (String p : List.of("HEADER", "METADATA", "CONDITION", "BODY")) {
            text = text.replace(p, p.equals(part) ? code : "");
        }
        return text;
    }

    private static int lineOf(String text, String code) {
        String first = code.lines().filter(l -> !l.isBlank()).findFirst().orElseThrow().strip();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(first)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line holds " + first);
    }

    static Stream<Arguments> offences() {
        return Stream.of(
                Arguments.of("BODY", "System.exit(1);", "`System.exit` reaches outside the policy's own types (`System`: the host process"),
                Arguments.of("BODY", "Runtime.getRuntime().exec(\"rm -rf /\");", "`Runtime.getRuntime` reaches outside"),
                Arguments.of("BODY", "new Thread(() -> {}).start();", "`Thread` reaches outside the policy's own types (`Thread`: threads)"),
                Arguments.of("BODY", "Object c = Class.forName(\"java.lang.Runtime\");", "`Class.forName` reaches outside the policy's own types (`Class`: reflection and class loading)"),
                Arguments.of("BODY", "Object l = $t.getClass().getClassLoader();", "`$t.getClass` reaches outside the policy's own types (`getClass`: reflection"),
                Arguments.of("BODY", "String s = String.class.getName();", "`String.class.getName` reaches outside the policy's own types (`class`"),
                Arguments.of("BODY", "java.nio.file.Files.delete(null);", "`java.nio.file.Files.delete` reaches outside the policy's own types (`Files`: files and streams)"),
                Arguments.of("BODY", "new java . io . File(\"/tmp/x\").delete();", "`java.io.File` reaches outside the policy's own types (`File`: files and streams)"),
                Arguments.of("BODY", "new java.net.URL(\"http://example.com\").openStream();", "`java.net.URL` reaches outside the policy's own types (`URL`: the network)"),
                Arguments.of("BODY", "java.lang.reflect.Method m = null;", "`java.lang.reflect.Method` reaches outside"),
                Arguments.of("BODY", "new ProcessBuilder(\"ls\").start();", "`ProcessBuilder` reaches outside the policy's own types (`ProcessBuilder`: processes)"),
                Arguments.of("BODY", "kcontext.getKieRuntime().halt();", "`kcontext.getKieRuntime` reaches outside the policy's own types (`getKieRuntime`: the session"),
                Arguments.of("BODY", "drools.halt();", "`drools.halt` reaches outside"),
                Arguments.of("BODY", "Integer n = Integer.getInteger(\"user.home\");", "`Integer.getInteger` reaches outside"),
                Arguments.of("BODY", "synchronized ($t) { insert($t); }", "`synchronized` reaches outside"),
                Arguments.of("BODY", "long n = java.util.List.of(1).parallelStream().count();", "`parallelStream` reaches outside the policy's own types (`parallelStream`: threads)"),
                Arguments.of("BODY", "Object e = PolicyEngine.fromClasspath();", "`PolicyEngine.fromClasspath` reaches outside the policy's own types (`PolicyEngine`: the engine's loading"),
                Arguments.of("BODY", "Object r = RuleSource.classpath();", "`RuleSource.classpath` reaches outside"),
                Arguments.of("BODY", "org.slf4j.LoggerFactory.getLogger(\"x\").warn(\"x\");", "`org.slf4j.LoggerFactory.getLogger` reaches outside the policy's own types (`LoggerFactory`"),
                Arguments.of("BODY", "// a comment hiding a line break \\u000a System.exit(0);", "unicode escape \\u000a is not allowed"),
                Arguments.of("BODY", "String s = \"\\u0022; System.exit(0); //\";", "unicode escape \\u0022"),
                Arguments.of("BODY", "String s = \"an open string\n + System.getenv(\"HOME\");", "string literal is not closed on its line"),
                Arguments.of("HEADER", "import java.io.File;", "`java.io.File` reaches outside the policy's own types (`File`: files and streams)"),
                Arguments.of("HEADER", "import java.util.*;", "`java.util.*` is outside the policy's own types"),
                Arguments.of("HEADER", "import java.util.concurrent.Executors;", "`java.util.concurrent.Executors` reaches outside"),
                Arguments.of("HEADER", "import static java.lang.System.exit;", "`java.lang.System.exit` reaches outside"),
                Arguments.of("HEADER", "global java.io.PrintStream out;", "`java.io.PrintStream` reaches outside"),
                Arguments.of("HEADER", "function void pause() { Thread.sleep(1); }", "`Thread.sleep` reaches outside"),
                Arguments.of("HEADER", "import cn.minhang.policy.io.ApplicationReader;", "`cn.minhang.policy.io.ApplicationReader` is outside the policy's own types; rules may name only"),
                Arguments.of("METADATA", "@readingZh( System.setProperty(\"policy.pwned\", \"yes\") )", "`System.setProperty` reaches outside"),
                Arguments.of("CONDITION", "eval( System.currentTimeMillis() > 0 )", "`System.currentTimeMillis` reaches outside"),
                Arguments.of("CONDITION", "Object() from java.lang.Runtime.getRuntime()", "`java.lang.Runtime.getRuntime` reaches outside"),
                Arguments.of("CONDITION", "eval( $t.class.classLoader != null )", "`$t.class.classLoader` reaches outside the policy's own types (`class`"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("offences")
    void anOffenceIsRefusedWithItsFileAndLine(String part, String code, String message) {
        String text = drl(part, code);
        int line = lineOf(text, code);
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> CompiledRules.compile(withCatalogue(Map.of("m14-talent.drl", text))));
        assertThat(e).as("the rule file must be refused").isNotNull();
        assertThat(e.problems()).as("%s", e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("m14-talent.drl");
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(message);
        });
        assertThat(e.getMessage()).contains("m14-talent.drl:" + line + ": ");
    }

    /** The rule files with the clause catalogue of rules/ beside them. */
    private static RuleSource withCatalogue(Map<String, String> files) {
        Map<String, String> all = new java.util.TreeMap<>(files);
        all.put(ClauseCatalogue.FILE, RuleSource.directory(Path.of("rules")).catalogue());
        return new RuleSource("test", all);
    }

    @Test
    void theRuleWithoutOffencesCompiles() {
        CompiledRules rules = CompiledRules.compile(withCatalogue(Map.of("m14-talent.drl", drl("", ""))));
        assertThat(rules.rules()).extracting(RuleInfo::name).containsExactly("14 A talent meeting the criteria is supported");
    }

    @Test
    void namesOfTheAllowedPackagesAndCollectionsAreAccepted() {
        String code = """
                java.util.List names = new java.util.ArrayList();
                java.util.Set sorted = new java.util.TreeSet(names);
                java.math.BigDecimal cap = new java.math.BigDecimal("3000000");
                java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 1);
                String systemName = "x"; int classes = 0; Object $system = null;
                """;
        assertThat(RuleSafety.check("m14-talent.drl", drl("BODY", code))).isEmpty();
        assertThat(RuleSafety.check("m14-talent.drl", drl("HEADER", "import java.math.BigDecimal;\nimport java.time.*;")))
                .isEmpty();
    }

    @Test
    void metadataIsCheckedBeforeTheCompilerEvaluatesIt() {
        String text = drl("METADATA", "@readingEn( System.setProperty(\"policy.pwned\", \"yes\") )");
        catchThrowableOfType(RuleCompilationException.class,
                () -> CompiledRules.compile(withCatalogue(Map.of("m14-talent.drl", text))));
        assertThat(System.getProperty("policy.pwned")).isNull();
    }

    @Test
    void everyOffenceOfEveryFileIsReportedInFileAndLineOrder() {
        String first = drl("BODY", "System.exit(1);\n    new java.io.File(\"x\");");
        String second = drl("HEADER", "import java.net.Socket;");
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> CompiledRules.compile(withCatalogue(Map.of("b.drl", first, "a.drl", second))));
        assertThat(e.problems()).extracting(p -> p.file() + ":" + p.line()).containsExactly(
                "a.drl:5", "b.drl:14", "b.drl:15");
    }

    @Test
    void anEngineRefusesOffendingRulesOnLoadAndKeepsServingOnReload() {
        RuleSource good = RuleSource.directory(Path.of("rules"));
        PolicyEngine engine = PolicyEngine.of(good);
        RuleSource bad = good.with("m14-talent.drl", drl("BODY", "System.exit(1);"));
        assertThat(catchThrowableOfType(RuleCompilationException.class, () -> PolicyEngine.of(bad)).problems())
                .extracting(RuleProblem::toString).containsExactly("m14-talent.drl:14: `System.exit` reaches outside the "
                        + "policy's own types (`System`: the host process, its environment and properties); rules may "
                        + "use only the policy's facts and the engine's claim types");
        catchThrowableOfType(RuleCompilationException.class, () -> engine.reload(bad));
        assertThat(engine.rules().version()).isEqualTo(good.version());
    }

    @Test
    void everyRuleFileOfThePolicyKeepsToItsOwnTypes() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                assertThat(RuleSafety.check(file.getFileName().toString(), Files.readString(file)))
                        .as("%s", file).isEmpty();
            }
        }
    }
}
