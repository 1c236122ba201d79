package cn.minhang.policy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** ./policy serve, and the command line's answer to a command it does not have. */
class ServeCommandTest {
    private static final Pattern READY = Pattern.compile("ready: rules (sha256:[0-9a-f]{16}) serve on (http://127\\.0"
            + "\\.0\\.1:\\d+)");

    @Test
    void serveHelpDescribesServe() {
        Cli.Result r = Cli.run("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: policy serve").contains("--port=PORT").contains("--token-sha256")
                .doesNotContain("Usage: policy [");
    }

    @Test
    void anUnknownCommandIsInvalidInputWhateverFollowsIt() {
        for (String[] args : new String[][]{{"nosuch"}, {"nosuch", "--help"}, {"nosuch", "-h"}, {"nosuch", "--version"},
                {"nosuch", "evaluate", "examples/robot-buyer.json"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).contains("unknown command 'nosuch'").contains("serve");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void serveAloneServesTheRepositorysRulesOnLoopbackUntilStopped() throws Exception {
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> serving = CompletableFuture.supplyAsync(() -> PolicyCli.run(
                new PrintWriter(new StringWriter()), new PrintWriter(err, true), "serve", "--port", "0"));
        Matcher ready = awaitReady(err, serving);
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(ready.group(2)
                            + "/v1/evaluate")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("examples/robot-buyer.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"total\": \"2000000.00\"")
                    .contains("\"rulesVersion\": \"" + ready.group(1) + "\"");
        } finally {
            ServeCommand.stop.countDown();
        }
        assertThat(serving.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void rulesRefusedAtStartExitWithCode3AndEveryProblem(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("m01-core-components.drl"), "package cn.minhang.policy.rules;\n"
                + "rule \"1.1 broken\" @clause(\"1.1\")\nwhen\n  nosuch(\nthen\nend\n");
        Cli.Result r = Cli.run("serve", "--port", "0", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("the rules were refused").contains("m01-core-components.drl:");
    }

    private static Matcher awaitReady(StringWriter err, CompletableFuture<Integer> serving) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(err.toString());
            if (m.find()) {
                return m;
            }
            if (serving.isDone()) {
                throw new AssertionError("serve ended with " + serving.get() + ": " + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not become ready: " + err);
    }
}
