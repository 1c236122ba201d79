package cn.minhang.policy.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.ClauseCatalogue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 2020-12) of a decision, a batch line and the error document, for the rules of one clause
 * catalogue: the template beside this class, with the clause ids of the measures ({@code $defs.clause}) and the
 * measures ({@code measuresNotApplicable}) of the catalogue, in the order of the text. The published
 * {@code schema/decision.schema.json} is the schema of the rules in {@code rules/}.
 */
public final class DecisionSchema {
    private static final String TEMPLATE = "decision.schema.template.json";

    private DecisionSchema() {
    }

    /** The schema as a tree. */
    public static ObjectNode generate(ClauseCatalogue catalogue) {
        ObjectNode root = template();
        ObjectNode defs = (ObjectNode) root.get("$defs");
        ArrayNode ids = ((ObjectNode) defs.get("clause")).putArray("enum");
        for (Clause c : catalogue.clauses()) {
            if (c.isMeasureClause()) {
                ids.add(c.id());
            }
        }
        ArrayNode measures = ((ObjectNode) defs.get("Decision").get("properties").get("measuresNotApplicable")
                .get("items")).putArray("enum");
        catalogue.measures().forEach(measures::add);
        return root;
    }

    /** The schema as the committed file holds it: indented JSON and a final newline. */
    public static String text(ClauseCatalogue catalogue) {
        return DecisionJson.pretty(generate(catalogue)) + "\n";
    }

    private static ObjectNode template() {
        try (InputStream in = DecisionSchema.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the decision schema's template " + TEMPLATE + " is not on the classpath");
            }
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision schema's template", e);
        }
    }
}
