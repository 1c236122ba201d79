package cn.minhang.policy.records;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The record store on a real PostgreSQL server, and what it does when that server goes away and comes back. */
class PostgresRecordStoreTest extends RecordStoreContract {
    private String url;

    @Override
    synchronized RecordsConfig config() {
        if (url == null) {
            url = EmbeddedPostgres.shared().newDatabase("store");
        }
        return RecordsConfig.jdbc(url, "postgres", "");
    }

    @Test
    void aDatabaseThatIsDownFailsQuicklyAsUnavailableAndTheStoreRecoversWhenItReturns() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.shared();
        DecisionRecord before = recorder.record(null, RecordsFixture.oneProduct("A-DOWN0", "E-DOWN", "1000000")).record();
        pg.stop();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> recorder.record(null, RecordsFixture.oneProduct("A-DOWN1", "E-DOWN", "1000000")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("is unavailable");
            assertThatThrownBy(() -> store.find(before.id())).isInstanceOf(StoreUnavailableException.class);
            assertThat(store.isAvailable()).isFalse();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        } finally {
            pg.start();
        }
        clock.set(Instant.parse("2026-07-01T10:00:00Z"));
        DecisionRecord after = recorder.record(null, RecordsFixture.oneProduct("A-DOWN2", "E-DOWN", "1000000")).record();
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.find(before.id())).contains(before);
        assertThat(ids(RecordQuery.all().enterprise("E-DOWN"))).containsExactly(before.id(), after.id());
    }
}
