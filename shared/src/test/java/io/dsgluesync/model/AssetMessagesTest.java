package io.dsgluesync.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The asset queue's messages: what discovery writes the worker reads back, and a bad body names its bad field. */
class AssetMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TENANT = "https://mytenant.eu10.hcs.cloud.sap/api/v1/dwc/consumption";
    private static final String METADATA_URL = TENANT + "/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/$metadata";

    // --- round trips ---

    @Test
    void aCatalogAssetsMessageSurvivesTheRoundTrip() {
        AssetMessage message = new AssetMessage(AssetMessage.SCHEMA_VERSION, "20250301T020000Z-7bf73129",
                "SAP_CONTENT", "SAP Content", "SAP.TIME.VIEW_DIMENSION_DAY", "Time Dimension - Day", AssetKind.VIEW,
                METADATA_URL, null, true, 3);

        assertEquals(message, AssetMessages.fromJson(AssetMessages.toJson(message)));
    }

    @Test
    void anAnalyticalDatasetsMessageWithBothUrlsSurvivesTheRoundTrip() {
        AssetMessage message = AssetMessage.of("20250301T020000Z-7bf73129", new Space("SPACE_A", "Space A"),
                new Asset("SPACE_A", "CollegeEnrollment", "CollegeEnrollment",
                        URI.create(TENANT + "/relational/SPACE_A/CollegeEnrollment/$metadata"),
                        URI.create(TENANT + "/analytical/SPACE_A/CollegeEnrollment/$metadata"), true, false), 0);

        AssetMessage read = AssetMessages.fromJson(AssetMessages.toJson(message));

        assertEquals(message, read);
        assertEquals(AssetKind.ANALYTICAL_DATASET, read.kind());
    }

    @Test
    void aDesignTimeMessageWithoutUrlsSurvivesTheRoundTrip() {
        AssetMessage message = AssetMessage.designTime("20250301T020000Z-7bf73129", new Space("SPACE_A", "Space A"),
                "BusinessPartners", AssetKind.LOCAL_TABLE, 1);

        AssetMessage read = AssetMessages.fromJson(AssetMessages.toJson(message));

        assertEquals(message, read);
        assertTrue(read.designTimeOnly());
    }

    @Test
    void theQueueFixtureIsReadFieldByField() {
        AssetMessage message = AssetMessages.fromJson(fixture());

        assertEquals(1, message.schemaVersion());
        assertEquals("20250301T020000Z-7bf73129", message.runId());
        assertEquals("SAP_CONTENT", message.space());
        assertEquals("SAP Content", message.spaceLabel());
        assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", message.asset());
        assertEquals("Time Dimension - Day", message.label());
        assertEquals(AssetKind.VIEW, message.kind());
        assertEquals(METADATA_URL, message.relationalMetadataUrl());
        assertNull(message.analyticalMetadataUrl());
        assertFalse(message.hasParameters());
        assertFalse(message.designTimeOnly());
    }

    @Test
    void theKindIsReadWhateverItsCase() {
        assertEquals(AssetKind.VIEW, AssetMessages.fromJson(edited(m -> m.put("kind", "view"))).kind());
    }

    @Test
    void unknownFieldsOfANewerDiscoveryAreIgnored() {
        AssetMessage message = AssetMessages.fromJson(edited(m -> m.put("addedLater", "x")));

        assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", message.asset());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        AssetMessage message = AssetMessages.fromJson(edited(m -> m.remove(
                List.of("spaceLabel", "label", "hasParameters", "priority"))));

        assertNull(message.spaceLabel());
        assertNull(message.label());
        assertEquals(0, message.priority());
    }

    // --- refusals ---

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("body", refused("").field());
        assertEquals("body", refused("  \n").field());
        assertEquals("body", refused(null).field());
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        assertEquals("body", refused("schemaVersion=1&runId=x").field());
        assertEquals("body", refused("{\"runId\": ").field());
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRefused() {
        assertEquals("body", refused("[" + fixture() + "]").field());
        assertEquals("body", refused("null").field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"runId", "space", "asset", "kind"})
    void aMessageWithoutARequiredFieldIsRefusedNamingIt(String field) {
        assertEquals(field, refused(edited(m -> m.remove(field))).field());
        assertEquals(field, refused(edited(m -> m.put(field, ""))).field());
        assertEquals(field, refused(edited(m -> m.put(field, 42))).field());
    }

    @Test
    void anUnknownKindIsRefusedNamingTheAsset() {
        MessageFormatException e = refused(edited(m -> m.put("kind", "DATA_FLOW")));

        assertEquals("kind", e.field());
        assertTrue(e.getMessage().contains("SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY"), e.getMessage());
        assertTrue(e.getMessage().contains("DATA_FLOW"), e.getMessage());
    }

    @Test
    void aRelativeMetadataUrlIsRefused() {
        MessageFormatException e = refused(edited(m -> m.put("relationalMetadataUrl",
                "/api/v1/dwc/consumption/relational/SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY/$metadata")));

        assertEquals("relationalMetadataUrl", e.field());
        assertTrue(e.getMessage().contains("SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY"), e.getMessage());
    }

    @Test
    void aRelativeAnalyticalMetadataUrlIsRefused() {
        assertEquals("analyticalMetadataUrl",
                refused(edited(m -> m.put("analyticalMetadataUrl", "analytical/SAP_CONTENT/X/$metadata"))).field());
    }

    @Test
    void aMetadataUrlWithoutHostIsRefused() {
        assertEquals("relationalMetadataUrl",
                refused(edited(m -> m.put("relationalMetadataUrl", "file:///etc/passwd"))).field());
    }

    @Test
    void aCatalogAssetWithoutAnyMetadataUrlIsRefused() {
        MessageFormatException e = refused(edited(m -> m.remove("relationalMetadataUrl")));

        assertEquals("relationalMetadataUrl", e.field());
        assertTrue(e.getMessage().contains("neither"), e.getMessage());
    }

    @Test
    void aLocalTableNeedsNoMetadataUrl() {
        AssetMessage message = AssetMessages.fromJson(edited(m -> {
            m.remove("relationalMetadataUrl");
            m.put("kind", "LOCAL_TABLE");
        }));

        assertTrue(message.designTimeOnly());
    }

    @Test
    void aReplicatedObjectNeedsItsReplicaAndAReplicaNeedsItsFields() {
        MessageFormatException missing = refused(edited(m -> {
            m.remove("relationalMetadataUrl");
            m.put("kind", "REPLICATED_OBJECT");
        }));
        assertEquals("replica", missing.field());
        assertTrue(missing.getMessage().contains("SAP.TIME.VIEW_DIMENSION_DAY"), missing.getMessage());

        MessageFormatException noFileType = refused(edited(m -> m.putObject("replica").put("flow", "RF")
                .put("task", "t1").put("targetObject", "X")));
        assertEquals("replica.fileType", noFileType.field());
        assertEquals("replica", refused(edited(m -> m.put("replica", "s3://x"))).field());
    }

    @Test
    void anotherSchemaVersionIsRefused() {
        MessageFormatException e = refused(edited(m -> m.put("schemaVersion", 2)));

        assertEquals("schemaVersion", e.field());
        assertTrue(e.getMessage().contains("unsupported schemaVersion 2"), e.getMessage());
    }

    @Test
    void aMissingOrNonIntegerSchemaVersionIsRefused() {
        assertEquals("schemaVersion", refused(edited(m -> m.remove("schemaVersion"))).field());
        assertEquals("schemaVersion", refused(edited(m -> m.put("schemaVersion", "1"))).field());
        assertEquals("schemaVersion", refused(edited(m -> m.put("schemaVersion", 1.5))).field());
    }

    // --- helpers ---

    private static MessageFormatException refused(String body) {
        return assertThrows(MessageFormatException.class, () -> AssetMessages.fromJson(body));
    }

    private static String edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode message = (ObjectNode) JSON.readTree(fixture());
            edit.accept(message);
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fixture() {
        try (InputStream in = AssetMessagesTest.class.getResourceAsStream("/messages/view-asset.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
