package cn.minhang.policy.records;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The record store on its embedded default: an H2 file database under a data directory. */
class H2RecordStoreTest extends RecordStoreContract {
    @TempDir
    static Path dataDirectory;

    @Override
    RecordsConfig config() {
        return RecordsConfig.h2(dataDirectory);
    }
}
