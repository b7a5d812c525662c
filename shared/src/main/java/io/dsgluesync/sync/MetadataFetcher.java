package io.dsgluesync.sync;

import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.csn.CsnParser;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.MetadataDocument;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.S3Replica;
import io.dsgluesync.replication.FlowTask;
import io.dsgluesync.replication.ReplicationFlowParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches what an asset is made of: its relational and/or analytical {@code $metadata} (conditionally, with the
 * stored ETags), and its CSN when design-time enrichment or lineage is on or the object exists only at design time.
 * The design-time API answers no ETag, so the CSN is read only when the {@code $metadata} changed (or there is none).
 */
final class MetadataFetcher {
    private final DatasphereClient datasphere;
    private final boolean designTime;
    private final boolean lineage;

    MetadataFetcher(DatasphereClient datasphere, boolean designTime, boolean lineage) {
        this.datasphere = datasphere;
        this.designTime = designTime;
        this.lineage = lineage;
    }

    /** The raw design-time definition read for an asset: its CSN, or for a replica its flow's definition. */
    record Definition(String type, String name, byte[] json) {
    }

    /** The fetched documents of one asset, or the knowledge that none changed. */
    static final class Documents {
        private final AssetMessage message;
        private final MetadataDocument relational;
        private final MetadataDocument analytical;
        private final EntityModel csn;
        private final Definition definition;
        private final List<String> notes;

        Documents(AssetMessage message, MetadataDocument relational, MetadataDocument analytical, EntityModel csn,
                  Definition definition, List<String> notes) {
            this.message = message;
            this.relational = relational;
            this.analytical = analytical;
            this.csn = csn;
            this.definition = definition;
            this.notes = notes;
        }

        /** The design-time definition read for this asset, or null when none was read (or it was unavailable). */
        Definition definition() {
            return definition;
        }

        boolean allNotModified() {
            return !message.designTimeOnly() && (relational == null || relational.notModified())
                    && (analytical == null || analytical.notModified());
        }

        boolean anyNotModified() {
            return (relational != null && relational.notModified()) || (analytical != null && analytical.notModified());
        }

        List<String> notes() {
            return notes;
        }

        Map<String, String> etags() {
            Map<String, String> etags = new LinkedHashMap<>();
            if (relational != null && relational.etag() != null) {
                etags.put("relational", relational.etag());
            }
            if (analytical != null && analytical.etag() != null) {
                etags.put("analytical", analytical.etag());
            }
            return etags;
        }

        EntityModel model() {
            if (message.designTimeOnly()) {
                return csn;
            }
            EntityModel rel = relational == null ? null : CsdlParser.parse(message.asset(), relational.body());
            EntityModel ana = analytical == null ? null : CsdlParser.parse(message.asset(), analytical.body());
            EntityModel model = rel != null && ana != null ? rel.withAnalytics(ana) : rel != null ? rel : ana;
            return csn == null ? model : CsnParser.enrich(model, csn);
        }
    }

    Documents fetch(AssetMessage message, Map<String, String> etags) {
        if (message.designTimeOnly()) {
            Definition definition = definition(message);
            return new Documents(message, null, null, model(message, definition), definition, List.of());
        }
        MetadataDocument relational = document(message.relationalMetadataUrl(), etags.get("relational"));
        MetadataDocument analytical = document(message.analyticalMetadataUrl(), etags.get("analytical"));
        Documents documents = new Documents(message, relational, analytical, null, null, List.of());
        if (documents.allNotModified()) {
            return documents;
        }
        if (documents.anyNotModified()) {
            // One of two documents changed: both are needed to map the asset.
            relational = document(message.relationalMetadataUrl(), null);
            analytical = document(message.analyticalMetadataUrl(), null);
        }
        List<String> notes = new ArrayList<>();
        Definition definition = designTime || lineage ? optionalDefinition(message, notes) : null;
        EntityModel csn = null;
        if (designTime && definition != null) {
            try {
                csn = model(message, definition);
            } catch (CsdlException e) {
                notes.add("design-time enrichment unreadable: " + e.getMessage());
            }
        }
        return new Documents(message, relational, analytical, csn, definition, notes);
    }

    private MetadataDocument document(String url, String etag) {
        return url == null ? null : datasphere.fetchMetadata(URI.create(url), etag);
    }

    /** Reads the asset's CSN, or a replica's flow definition (read again: messages stay small). */
    private Definition definition(AssetMessage message) {
        if (message.kind() == AssetKind.REPLICATED_OBJECT) {
            S3Replica replica = message.replica();
            if (replica.bucket() == null) {
                throw new AssetSkippedException("replication flow " + replica.taskPath() + " writes to connection "
                        + replica.connection() + ", which the rules file's replication.targets does not map to a"
                        + " bucket");
            }
            return new Definition(message.kind().designType(), replica.flow(),
                    datasphere.fetchCsn(message.space(), message.kind().designType(), replica.flow()));
        }
        return new Definition(message.kind().designType(), message.asset(),
                datasphere.fetchCsn(message.space(), message.kind().designType(), message.asset()));
    }

    private static EntityModel model(AssetMessage message, Definition definition) {
        if (message.kind() == AssetKind.REPLICATED_OBJECT) {
            return replicated(message, definition.json());
        }
        return CsnParser.parse(message.asset(), definition.json());
    }

    /** A replicated object's columns, from its replication flow's definition. */
    private static EntityModel replicated(AssetMessage message, byte[] flow) {
        S3Replica replica = message.replica();
        FlowTask task = ReplicationFlowParser.parse(replica.flow(), flow).stream()
                .filter(t -> t.task().equals(replica.task())).findFirst()
                .orElseThrow(() -> new AssetSkippedException("replication flow " + replica.flow()
                        + " no longer has task " + replica.task()));
        return ReplicationFlowParser.targetModel(task).orElseThrow(() -> new AssetSkippedException(
                "replication flow " + replica.taskPath() + " carries no column definitions for " + task.targetObject()
                        + " (source " + task.sourceObject() + " on connection " + task.sourceConnection()
                        + "): no table can be registered for its files"));
    }

    /**
     * Enrichment and lineage are optional: only a transient error fails the asset, others (e.g. HTTP 403 when the
     * technical user may read the consumption model but not the design-time object) become a note.
     */
    private Definition optionalDefinition(AssetMessage message, List<String> notes) {
        try {
            return definition(message);
        } catch (DatasphereException e) {
            if (e.retryable()) {
                throw e;
            }
            notes.add("design-time definition unavailable (no enrichment or lineage): " + e.getMessage());
        } catch (AssetSkippedException e) {
            notes.add("design-time definition unavailable: " + e.getMessage());
        }
        return null;
    }
}
