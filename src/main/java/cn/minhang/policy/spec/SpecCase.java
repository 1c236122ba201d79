package cn.minhang.policy.spec;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One case of a spec file: a sentence that says what it proves, an application, and what the decision must be.
 *
 * @param file        the spec file it comes from
 * @param name        the sentence ("Case 2: R&D of exactly 10,000,000 reaches the cap")
 * @param application the application, with the file's {@code given} fields under the case's own
 * @param expect      the {@code expect} block as written
 */
public record SpecCase(String file, String name, JsonNode application, JsonNode expect) {

    /** The spec file's name without its extension, which is also its rule file's name. */
    public String topic() {
        return file.replaceFirst("\\.ya?ml$", "");
    }

    public List<String> expectedErrorPaths() {
        JsonNode errors = expect.get("errors");
        if (errors == null) {
            return List.of();
        }
        java.util.ArrayList<String> paths = new java.util.ArrayList<>();
        errors.forEach(e -> paths.add(e.asText()));
        return paths;
    }
}
