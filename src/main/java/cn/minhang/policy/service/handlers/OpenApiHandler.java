package cn.minhang.policy.service.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import cn.minhang.policy.io.ApplicationSchema;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.service.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/openapi.json}: the service's OpenAPI 3.1 document. It is written by hand in
 * {@code cn/minhang/policy/service/openapi.yaml}, beside the handlers it describes; its schemas
 * {@code Application} and {@code DecisionDocument} are filled in with the project's own JSON Schemas
 * (schema/application.schema.json, schema/decision.schema.json), so the API and the files cannot drift apart.
 */
public final class OpenApiHandler implements Handler {
    public static final String RESOURCE = "cn/minhang/policy/service/openapi.yaml";
    private final String text;

    public OpenApiHandler() {
        this.text = DecisionJson.pretty(document()) + "\n";
    }

    /** The document as served. */
    public static ObjectNode document() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root;
        try (InputStream in = OpenApiHandler.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not in the jar");
            }
            root = (ObjectNode) new YAMLMapper().readTree(in);
            ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
            schemas.set("Application", ApplicationSchema.generate());
            JsonNode decision = json.readTree(SchemaHandler.resource("schema/decision.schema.json"));
            schemas.set("DecisionDocument", decision);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((ObjectNode) root.path("info")).put("version", EngineVersion.get());
        return root;
    }

    @Override
    public void handle(Context ctx) {
        ctx.status(200).contentType(Http.JSON_UTF8).result(text);
    }
}
