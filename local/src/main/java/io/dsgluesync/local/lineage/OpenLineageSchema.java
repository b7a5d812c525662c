package io.dsgluesync.local.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.InputStreamSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates OpenLineage events against the official JSON schemas (Draft 2020-12,
 * https://openlineage.io/docs/spec/object-model), vendored under {@code resources/openlineage/spec/}: the event against
 * the schema its {@code schemaURL} names, and every facet against the schema its {@code _schemaURL} names, under the
 * key that schema declares. Schemas are loaded only from the vendored files; an {@code https://openlineage.io/spec/}
 * URL with no vendored file, or any other remote schema, is a validation problem, never a download.
 */
public final class OpenLineageSchema {
    static final String SPEC = "https://openlineage.io/spec/";
    private static final String VENDORED = "openlineage/spec/";
    private static final String META_SCHEMA = "https://json-schema.org/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    // The OpenLineage schemas annotate properties with "example", which Draft 2020-12 does not define.
                    .metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                            .keyword(new AnnotationKeyword("example")).build())
                    .schemaLoaders(loaders -> loaders.add(OpenLineageSchema::vendored)));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH).build();

    /** The problems of one event, each {@code location: message}; empty when it is valid. */
    public List<String> validate(JsonNode event) {
        List<String> problems = new ArrayList<>();
        String schemaUrl = event.path("schemaURL").asText("");
        if (!schemaUrl.startsWith(SPEC)) {
            problems.add("$.schemaURL: not an OpenLineage schema URL: '" + schemaUrl + "'");
            return problems;
        }
        // The event schema's root (oneOf RunEvent, DatasetEvent, JobEvent), whatever $defs the URL points at.
        validate(stripFragment(schemaUrl), event, "", problems);
        facets(event.path("run").path("facets"), "$.run.facets", problems);
        facets(event.path("job").path("facets"), "$.job.facets", problems);
        for (String side : List.of("inputs", "outputs")) {
            JsonNode datasets = event.path(side);
            for (int i = 0; i < datasets.size(); i++) {
                String at = "$." + side + "[" + i + "]";
                facets(datasets.get(i).path("facets"), at + ".facets", problems);
                facets(datasets.get(i).path(side.equals("inputs") ? "inputFacets" : "outputFacets"),
                        at + (side.equals("inputs") ? ".inputFacets" : ".outputFacets"), problems);
            }
        }
        return problems;
    }

    private void facets(JsonNode facets, String at, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> facet = it.next();
            String location = at + "." + facet.getKey();
            String schemaUrl = facet.getValue().path("_schemaURL").asText("");
            if (!schemaUrl.startsWith(SPEC)) {
                problems.add(location + "._schemaURL: not an OpenLineage schema URL: '" + schemaUrl + "'");
                continue;
            }
            // A facet file declares the key its facet goes under: {"properties": {"schema": {"$ref": ...}}}.
            JsonNode declared = document(stripFragment(schemaUrl));
            if (declared == null) {
                problems.add(location + ": no vendored schema for " + schemaUrl);
                continue;
            }
            if (!declared.path("properties").has(facet.getKey())) {
                problems.add(location + ": " + stripFragment(schemaUrl) + " declares no facet named '"
                        + facet.getKey() + "'");
            }
            validate(schemaUrl, facet.getValue(), location, problems);
        }
    }

    private void validate(String schemaUrl, JsonNode node, String location, List<String> problems) {
        JsonSchema schema;
        try {
            schema = factory.getSchema(SchemaLocation.of(schemaUrl), config);
        } catch (RuntimeException e) {
            problems.add((location.isEmpty() ? "$" : location) + ": schema " + schemaUrl + " cannot be loaded: "
                    + e.getMessage());
            return;
        }
        for (ValidationMessage message : schema.validate(node)) {
            // Messages start with the instance's JSON path ("$.run.runId: ..."); a facet's path is made the event's.
            String text = message.getMessage();
            problems.add(location.isEmpty() || !text.startsWith("$") ? text : location + text.substring(1));
        }
    }

    private static JsonNode document(String url) {
        String resource = resource(url);
        try (InputStream in = OpenLineageSchema.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vendored files for {@code https://openlineage.io/spec/…}; every other remote schema fails to load. */
    private static InputStreamSource vendored(AbsoluteIri iri) {
        String url = iri.toString();
        if (url.startsWith(SPEC)) {
            String resource = resource(url);
            return () -> {
                InputStream in = OpenLineageSchema.class.getClassLoader().getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException("no vendored schema for " + url);
                }
                return in;
            };
        }
        if (url.startsWith("http") && !url.startsWith(META_SCHEMA)) {
            return () -> {
                throw new IOException("remote schema not vendored, not fetched: " + url);
            };
        }
        return null;
    }

    private static String resource(String url) {
        return VENDORED + stripFragment(url).substring(SPEC.length());
    }

    private static String stripFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
