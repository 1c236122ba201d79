package cn.minhang.policy.service.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import cn.minhang.policy.io.ApplicationSchema;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/schemas/application} and {@code GET /v1/schemas/decision}: the project's JSON Schemas (2020-12),
 * the same text as schema/application.schema.json and schema/decision.schema.json.
 */
public final class SchemaHandler implements Handler {
    public static final String TYPE = "application/schema+json";
    private final String text;

    private SchemaHandler(String text) {
        this.text = text;
    }

    /** The schema of an application, generated from the model as {@code ./policy schema} prints it. */
    public static SchemaHandler application() {
        return new SchemaHandler(ApplicationSchema.text());
    }

    /** The schema of a decision, an error document and a batch line, from the jar. */
    public static SchemaHandler decision() {
        return new SchemaHandler(resource("schema/decision.schema.json"));
    }

    /** A schema of the jar's {@code schema/} folder. */
    public static String resource(String name) {
        try (InputStream in = SchemaHandler.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void handle(Context ctx) {
        ctx.status(200).contentType(TYPE + ";charset=utf-8").result(text);
    }
}
