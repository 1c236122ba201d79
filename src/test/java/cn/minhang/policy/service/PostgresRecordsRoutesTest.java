package cn.minhang.policy.service;

import java.net.http.HttpResponse;
import java.time.Duration;

import cn.minhang.policy.records.EmbeddedPostgres;
import cn.minhang.policy.records.RecordsConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static cn.minhang.policy.service.RunningService.READ_RECORDS_TOKEN;
import static cn.minhang.policy.service.RunningService.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record routes on a real PostgreSQL server; a database that goes down and comes back; two service instances
 * on one database.
 */
class PostgresRecordsRoutesTest extends RecordsRoutesContract {
    private String url;

    @Override
    synchronized RecordsConfig records() {
        if (url == null) {
            url = EmbeddedPostgres.shared().newDatabase("routes");
        }
        return RecordsConfig.jdbc(url, "postgres", "").withConnectionTimeout(Duration.ofSeconds(1));
    }

    @Test
    void aDatabaseThatIsDownGives503QuicklyAndTheServiceRecoversWhenItReturns() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        String before = id(record(oneProduct("A-D0", "E-D", "1000000"), "key-d0"));
        pg.stop();
        HttpResponse<String> down;
        HttpResponse<String> read;
        HttpResponse<String> unready;
        long took;
        try {
            long started = System.nanoTime();
            down = record(oneProduct("A-D1", "E-D", "1000000"), "key-d1");
            read = running.get("/v1/records/" + before, bearer(READ_RECORDS_TOKEN));
            took = System.nanoTime() - started;
            unready = running.get("/health/ready");
        } finally {
            pg.start();
        }
        // Not ready while recorded evaluations would be refused: a supervisor takes it out of service.
        assertThat(unready.statusCode()).isEqualTo(503);
        assertThat(unready.headers().firstValue("Retry-After")).isPresent();
        JsonNode notReady = JSON.readTree(unready.body());
        assertThat(notReady.get("error").asText()).isEqualTo("not ready");
        assertThat(notReady.get("problems").get(0).get("message").asText())
                .contains("database of the decision records cannot be reached").doesNotContain("jdbc:");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = JSON.readTree(down.body());
        assertThat(error.get("error").asText()).isEqualTo("records unavailable");
        assertThat(error.get("problems").get(0).get("message").asText()).contains("nothing was stored")
                .doesNotContain("jdbc:").doesNotContain("Exception");
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(8));
        // Unrecorded evaluation does not need the database.
        assertThat(running.post("/v1/evaluate", "application/json", oneProduct("A-D9", "E-D", "1")).statusCode())
                .isEqualTo(200);

        // Back: the retry with the same key stores the decision, once.
        String after = id(record(oneProduct("A-D1", "E-D", "1000000"), "key-d1"));
        assertThat(record(oneProduct("A-D1", "E-D", "1000000"), "key-d1").statusCode()).isEqualTo(200);
        assertThat(ids(list("?enterprise=E-D"))).containsExactly(before, after);
        assertThat(running.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void twoServiceInstancesOnOneDatabaseSeeEachOthersRecords() throws Exception {
        RecordsConfig records = records();
        try (RunningService other = RunningService.start(b -> b.records(records))) {
            String here = id(record(oneProduct("A-TWO1", "E-TWO", "1000000"), "key-two"));
            String there = id(record(other, oneProduct("A-TWO2", "E-TWO", "2000000"), null));

            HttpResponse<String> seenThere = other.get("/v1/records/" + here, bearer(READ_RECORDS_TOKEN));
            assertThat(seenThere.statusCode()).isEqualTo(200);
            assertThat(seenThere.body()).isEqualTo(running.get("/v1/records/" + here, bearer(READ_RECORDS_TOKEN)).body());
            assertThat(running.get("/v1/records/" + there, bearer(READ_RECORDS_TOKEN)).statusCode()).isEqualTo(200);
            // A retry that reaches the other instance gets the record of the first.
            HttpResponse<String> retried = record(other, oneProduct("A-TWO1", "E-TWO", "1000000"), "key-two");
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(retried.body()).get("id").asText()).isEqualTo(here);
            HttpResponse<String> listed = other.get("/v1/records?enterprise=E-TWO", bearer(READ_RECORDS_TOKEN));
            assertThat(ids(JSON.readTree(listed.body()))).containsExactly(here, there);
        }
    }
}
