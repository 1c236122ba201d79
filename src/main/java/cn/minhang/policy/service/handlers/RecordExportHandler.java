package cn.minhang.policy.service.handlers;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import cn.minhang.policy.records.RecordQuery;
import cn.minhang.policy.records.RecordStore;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/records/export?…&content=decisions|applications} (role READ_RECORDS): every record that matches
 * the filters of the list, as JSON lines streamed from the database in the order stored. {@code decisions} (the
 * default) are the lines {@code ./policy batch} writes; {@code applications} a file it reads.
 */
public final class RecordExportHandler implements Handler {
    private final PolicyService service;

    public RecordExportHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        Http.Parameters parameters = new Http.Parameters();
        RecordStore.ExportContent what = parameters.read(() -> content(ctx), null);
        RecordQuery query = parameters.read(() -> RecordQueries.query(ctx), null);
        parameters.check();
        RecordStore store = service.records().store();
        ctx.status(200).contentType(Http.NDJSON + ";charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"records-" + what.name().toLowerCase(Locale.ROOT)
                + ".jsonl\"");
        try {
            Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
            store.export(query, what, out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away during the export", e);
        }
    }

    private static RecordStore.ExportContent content(Context ctx) {
        String content = RecordQueries.text(ctx, "content");
        if (content == null || content.equalsIgnoreCase("decisions")) {
            return RecordStore.ExportContent.DECISIONS;
        }
        if (content.equalsIgnoreCase("applications")) {
            return RecordStore.ExportContent.APPLICATIONS;
        }
        throw ApiError.invalidRequest("$", "the query parameter content must be decisions or applications, was '"
                + RecordQueries.clip(content) + "'");
    }
}
