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

/** The committed schema file, validated by an independent JSON Schema 2020-12 implementation. */
public final class SchemaValidator {
    public static final Path FILE = Path.of("schema/application.schema.json");
    private static final Schema SCHEMA = load();

    private SchemaValidator() {
    }

    /** Every violation of the schema by a JSON text; empty when it is valid. */
    public static List<String> errors(String json) {
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
