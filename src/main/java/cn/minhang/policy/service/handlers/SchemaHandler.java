package cn.minhang.policy.service.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.util.function.Supplier;

import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.io.ApplicationSchema;
import cn.minhang.policy.io.DecisionSchema;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/schemas/application} and {@code GET /v1/schemas/decision}: the project's JSON Schemas (2020-12),
 * the same text as schema/application.schema.json and schema/decision.schema.json; the decision's clause ids and
 * measures are those of the clause catalogue of the rules serving.
 */
public final class SchemaHandler implements Handler {
    public static final String TYPE = "application/schema+json";
    private final Supplier<String> text;

    private SchemaHandler(Supplier<String> text) {
        this.text = text;
    }

    /** The schema of an application, generated from the model as {@code ./policy schema} prints it. */
    public static SchemaHandler application() {
        String text = ApplicationSchema.text();
        return new SchemaHandler(() -> text);
    }

    /** The schema of a decision, an error document and a batch line, for the clause catalogue of the rules serving. */
    public static SchemaHandler decision(PolicyService service) {
        return new SchemaHandler(new Supplier<>() {
            private ClauseCatalogue catalogue;
            private String text;

            @Override
            public synchronized String get() {
                ClauseCatalogue serving = service.rules().engine().rules().catalogue();
                if (serving != catalogue) {
                    text = DecisionSchema.text(serving);
                    catalogue = serving;
                }
                return text;
            }
        });
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
        ctx.status(200).contentType(TYPE + ";charset=utf-8").result(text.get());
    }
}
