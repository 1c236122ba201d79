package cn.minhang.policy.service;

import java.nio.file.Path;

import cn.minhang.policy.records.RecordsConfig;
import org.junit.jupiter.api.io.TempDir;

/** The record routes on the service's default database: an H2 file under a data directory it creates. */
class H2RecordsRoutesTest extends RecordsRoutesContract {
    @TempDir
    static Path data;

    @Override
    RecordsConfig records() {
        return RecordsConfig.h2(data.resolve("not-yet-made"));
    }
}
