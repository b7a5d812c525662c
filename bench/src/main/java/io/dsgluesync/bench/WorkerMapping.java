package io.dsgluesync.bench;

import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.GlueConverter;
import io.dsgluesync.local.simulator.GeneratedAssets;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.mapping.TableLocation;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.rules.AssetRules;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.rules.SyncRulesParser;
import io.dsgluesync.sync.AssetSync;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The worker's CPU work for one asset whose {@code $metadata} has arrived, in the order of
 * {@code io.dsgluesync.sync.AssetSync#process} for a new table: the asset's rules (business context and column rules)
 * and the configuration hash, the CSDL parse, the mapping to a table definition, and the {@code TableInput} that
 * {@code io.dsgluesync.glue.CatalogWriter} sends with CreateTable. Left out: the HTTP fetch, the Glue call and the
 * audit record. The input is an analytic model of a chosen width, rendered by the simulator as a tenant's are; it
 * is generated once, before any measurement.
 */
final class WorkerMapping {
    static final String SPACE = "BENCH_SPACE";
    static final String DEPLOYMENT = "dsgs-bench@bench.example";

    /** Business context for the space and for its analytic models, as an operator's rules file gives it. */
    static final String RULES = """
            {
              "version": 1,
              "businessContext": [
                { "match": { "space": "BENCH_*" }, "owner": "Central BI team", "tags": ["bench", "generated"] },
                { "match": { "space": "BENCH_SPACE", "kind": "ANALYTIC_MODEL" },
                  "steward": "jane.doe@example.com", "certification": "certified",
                  "tags": ["gold"], "properties": { "domain": "sales", "retention": "7y" } }
              ],
              "priorities": [ { "match": { "kind": "ANALYTIC_MODEL" }, "priority": 10 } ]
            }
            """;

    private final byte[] metadata;
    private final AssetMessage message;
    private final SyncRules rules;
    private final MappingSettings mapping;
    private final String etags;
    private final Clock clock = Clock.systemUTC();

    private WorkerMapping(SimAsset asset) {
        String csdl = asset.analyticalCsdl();
        this.metadata = csdl.getBytes(StandardCharsets.UTF_8);
        this.message = new AssetMessage(AssetMessage.SCHEMA_VERSION, "bench-run", SPACE, "Bench Space", asset.name(),
                asset.label(), AssetKind.ANALYTIC_MODEL, null, "https://bench.example/api/v1/datasphere/consumption/"
                + "analytical/" + SPACE + "/" + asset.name() + "/$metadata", false, 10);
        this.rules = SyncRulesParser.parse("bench rules", RULES);
        this.mapping = new MappingSettings("datasphere_", TableLocation.defaultTemplate("bench-data"),
                "bench.example");
        this.etags = JsonCodec.write(Map.of("analytical", weakEtag(csdl)));
    }

    /** An analytic model of {@code columns} columns; the same count always gives the same document. */
    static WorkerMapping analyticModel(int columns) {
        return new WorkerMapping(GeneratedAssets.analyticModel(SPACE, "BENCH_AM_" + columns, columns, 42));
    }

    byte[] metadata() {
        return metadata;
    }

    /** Rules, parse, mapping and the CreateTable input: what the worker computes for a changed asset. */
    TableInput parseAndMap() {
        AssetRules assetRules = new AssetRules(rules.businessContext(message.space(), message.asset(),
                message.kind()), rules.columns(message.space(), message.asset(), message.kind()),
                rules.lakeFormationTags());
        String configHash = AssetSync.configHash(mapping, assetRules, message);
        TableDefinition definition = GlueTableMapper.map(message, CsdlParser.parse(message.asset(), metadata), mapping,
                assetRules);
        Map<String, String> markers = CatalogWriter.newTableMarkers(Map.of(SyncParameters.CONFIG_HASH, configHash,
                SyncParameters.METADATA_ETAGS, etags), DEPLOYMENT);
        return GlueConverter.tableInput(definition, markers, message.runId(), clock.instant());
    }

    /**
     * The floor of any reading of the document: the JDK's DOM parse of the same bytes with the same secure-processing
     * settings as {@code CsdlParser} (DTDs refused), building the tree and nothing else.
     */
    Document domParse() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(metadata));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("the generated document does not parse", e);
        }
    }

    /** The weak ETag the simulator sends with a document (a SHA-256 of the body). */
    private static String weakEtag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + Base64.getEncoder().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
