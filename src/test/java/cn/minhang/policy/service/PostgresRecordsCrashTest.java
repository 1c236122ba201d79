package cn.minhang.policy.service;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import cn.minhang.policy.records.EmbeddedPostgres;

/** The crash test on PostgreSQL, by --jdbc-url with the credentials from the environment. */
class PostgresRecordsCrashTest extends RecordsCrashContract {
    private String url;

    @Override
    List<String> databaseOptions(Path work) {
        url = EmbeddedPostgres.shared().newDatabase("crash");
        return List.of("--jdbc-url", url);
    }

    @Override
    Connection connect(Path work) throws Exception {
        return DriverManager.getConnection(url, "postgres", "");
    }
}
