package cn.minhang.policy.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MutateCommandTest {
    @TempDir
    Path dir;

    @Test
    void mutatingOneRuleFileReportsItsScoreAndWritesTheReport() throws Exception {
        Cli.Result r = Cli.run("mutate", "--file", "m14-talent.drl", "--snapshot", "none",
                "--out", dir.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).containsPattern("m14-talent\\.drl\\s+6\\s+6\\s+0\\s+0\\s+0\\s+0\\s+100\\.0%");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("m14-talent.drl");
    }

    @Test
    void anUnknownOptionIsInvalidInput() {
        Cli.Result r = Cli.run("mutate", "--colour");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown option --colour");
    }

    @Test
    void aNumberOptionThatIsNoNumberIsInvalidInputNamingTheOption() {
        Cli.Result r = Cli.run("mutate", "--max-mutants", "abc");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue("--max-mutants must be a whole number, was 'abc'");
        assertThat(Cli.run("mutate", "--threads", "2x").err().lines().findFirst())
                .hasValue("--threads must be a whole number, was '2x'");
    }
}
