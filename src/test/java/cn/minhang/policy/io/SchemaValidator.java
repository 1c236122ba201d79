package cn.minhang.policy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The committed schema files, applied by an independent JSON Schema 2020-12 implementation. */
public final class SchemaValidator {
    public static final Path FILE = Path.of("schema/application.schema.json");
    public static final Path DECISION_FILE = Path.of("schema/decision.schema.json");
    private static final Schema SCHEMA = load(FILE);
    private static final Schema DECISION_SCHEMA = load(DECISION_FILE);

    private SchemaValidator() {
    }

    /** Every violation of the application schema by a JSON text; empty when it is valid. */
    public static List<String> errors(String json) {
        return errors(SCHEMA, json);
    }

    /** Every violation of the decision schema by a JSON text; empty when it is valid. */
    public static List<String> decisionErrors(String json) {
        return errors(DECISION_SCHEMA, json);
    }

    private static List<String> errors(Schema schema, String json) {
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
    }

    private static Schema load(Path file) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
