package cn.minhang.policy.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./policy serve's options for the decision records: --data-dir or --jdbc-url, refused clearly when they cannot be
 * used. (A service started with each of them is tested end to end by the crash tests of the service package.)
 */
class ServeRecordsOptionsTest {
    @Test
    void helpNamesTheRecordsOptionsAndWhereTheCredentialsComeFrom() {
        Cli.Result r = Cli.run("serve", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--data-dir=DIR").contains("--jdbc-url=URL").contains("POLICY_JDBC_USER")
                .contains("POLICY_JDBC_PASSWORD");
    }

    @Test
    void bothPlacesAtOnceAreRefused(@TempDir Path dir) {
        Cli.Result r = Cli.run("serve", "--port", "0", "--data-dir", dir.toString(), "--jdbc-url",
                "jdbc:postgresql://127.0.0.1/policy");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--data-dir and --jdbc-url name two places for the records");
    }

    @Test
    void aDatabaseOtherThanPostgresqlOrH2IsRefusedWithoutItsParameters() {
        Cli.Result r = Cli.run("serve", "--port", "0", "--jdbc-url", "jdbc:mysql://db/policy?password=secret");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--jdbc-url: the records database must be PostgreSQL").contains("jdbc:mysql://db/policy")
                .doesNotContain("secret");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        Cli.Result r = Cli.run("serve", "--port", "0", "--data-dir", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a directory");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDataDirectoryThatCannotBeMadeIsRefusedBeforeTheServiceStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        Path under = file.resolve("records");
        Cli.Result r = Cli.run("serve", "--port", "0", "--data-dir", under.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: --data-dir " + under + " cannot be made a directory:")
                .doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aBindAddressThatIsNoAddressIsAnInvalidOption(@TempDir Path dir) {
        Cli.Result r = Cli.run("serve", "--port", "0", "--bind", "999.1.1.1", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --bind 999.1.1.1 is not an address of this machine");
    }
}
