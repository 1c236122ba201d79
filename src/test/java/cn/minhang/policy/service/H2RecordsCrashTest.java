package cn.minhang.policy.service;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import cn.minhang.policy.records.RecordsConfig;

/** The crash test on the default database: an H2 file under --data-dir. */
class H2RecordsCrashTest extends RecordsCrashContract {
    @Override
    List<String> databaseOptions(Path work) {
        return List.of("--data-dir", work.resolve("data").toString());
    }

    @Override
    Connection connect(Path work) throws Exception {
        return DriverManager.getConnection(RecordsConfig.h2(work.resolve("data")).jdbcUrl(), "sa", "");
    }
}
