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
 * stored ETags), and its CSN when design-time enrichment is on or the object exists only at design time.
 */
final class MetadataFetcher {
    private final DatasphereClient datasphere;
    private final boolean designTime;

    MetadataFetcher(DatasphereClient datasphere, boolean designTime) {
        this.datasphere = datasphere;
        this.designTime = designTime;
    }

    /** The fetched documents of one asset, or the knowledge that none changed. */
    static final class Documents {
        private final AssetMessage message;
        private final MetadataDocument relational;
        private final MetadataDocument analytical;
        private final EntityModel csn;
        private final List<String> notes;

        Documents(AssetMessage message, MetadataDocument relational, MetadataDocument analytical, EntityModel csn,
                  List<String> notes) {
            this.message = message;
            this.relational = relational;
            this.analytical = analytical;
            this.csn = csn;
            this.notes = notes;
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
            return new Documents(message, null, null, csn(message), List.of());
        }
        MetadataDocument relational = document(message.relationalMetadataUrl(), etags.get("relational"));
        MetadataDocument analytical = document(message.analyticalMetadataUrl(), etags.get("analytical"));
        Documents documents = new Documents(message, relational, analytical, null, List.of());
        if (documents.allNotModified()) {
            return documents;
        }
        if (documents.anyNotModified()) {
            // One of two documents changed: both are needed to map the asset.
            relational = document(message.relationalMetadataUrl(), null);
            analytical = document(message.analyticalMetadataUrl(), null);
        }
        List<String> notes = new ArrayList<>();
        EntityModel csn = designTime ? optionalCsn(message, notes) : null;
        return new Documents(message, relational, analytical, csn, notes);
    }

    private MetadataDocument document(String url, String etag) {
        return url == null ? null : datasphere.fetchMetadata(URI.create(url), etag);
    }

    private EntityModel csn(AssetMessage message) {
        if (message.kind() == AssetKind.REPLICATED_OBJECT) {
            return replicated(message);
        }
        return CsnParser.parse(message.asset(),
                datasphere.fetchCsn(message.space(), message.kind().designType(), message.asset()));
    }

    /** A replicated object's columns, from its replication flow's definition (read again: messages stay small). */
    private EntityModel replicated(AssetMessage message) {
        S3Replica replica = message.replica();
        if (replica.bucket() == null) {
            throw new AssetSkippedException("replication flow " + replica.taskPath() + " writes to connection "
                    + replica.connection() + ", which the rules file's replication.targets does not map to a bucket");
        }
        byte[] flow = datasphere.fetchCsn(message.space(), message.kind().designType(), replica.flow());
        FlowTask task = ReplicationFlowParser.parse(replica.flow(), flow).stream()
                .filter(t -> t.task().equals(replica.task())).findFirst()
                .orElseThrow(() -> new AssetSkippedException("replication flow " + replica.flow()
                        + " no longer has task " + replica.task()));
        return ReplicationFlowParser.targetModel(task).orElseThrow(() -> new AssetSkippedException(
                "replication flow " + replica.taskPath() + " carries no column definitions for " + task.targetObject()
                        + " (source " + task.sourceObject() + " on connection " + task.sourceConnection()
                        + "): no table can be registered for its files"));
    }

    /** The enrichment is optional: only a transient error fails the asset, others become a note. */
    private EntityModel optionalCsn(AssetMessage message, List<String> notes) {
        try {
            return csn(message);
        } catch (DatasphereException e) {
            if (e.retryable()) {
                throw e;
            }
            notes.add("design-time enrichment unavailable: " + e.getMessage());
        } catch (CsdlException e) {
            notes.add("design-time enrichment unreadable: " + e.getMessage());
        }
        return null;
    }
}
