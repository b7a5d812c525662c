package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.csn.CsnParser;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.datasphere.MetadataDocument;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.glue.WriteOutcome;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingException;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.rules.AssetRules;
import io.dsgluesync.rules.SyncRules;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker's job for one asset: fetch its {@code $metadata}, map it, upsert it, and account for it in an
 * {@link AuditRecord}. Asset-level problems become a {@code failed} record; transient ones are retried by the
 * queue ({@link RetryLaterException}) until the last attempt, which also ends in a {@code failed} record.
 *
 * <p>When the table already holds the {@code $metadata} ETags and the same mapping configuration, the documents are
 * requested with {@code If-None-Match}; a 304 for every document means unchanged, with no parse and no Glue write.
 */
public class AssetSync {
    private final DatasphereClient datasphere;
    private final CatalogWriter writer;
    private final MappingSettings mapping;
    private final SyncRules rules;
    private final boolean designTime;
    private final AuditRecords audit;

    /** {@code designTime}: also read each asset's CSN through the design-time API (optional enrichment). */
    public AssetSync(DatasphereClient datasphere, CatalogWriter writer, CallCounter glueCalls,
                     MappingSettings mapping, SyncRules rules, boolean designTime, Clock clock, String targetAccount) {
        this.datasphere = datasphere;
        this.writer = writer;
        this.mapping = mapping;
        this.rules = rules;
        this.designTime = designTime;
        this.audit = new AuditRecords(datasphere, glueCalls, clock, targetAccount);
    }

    public AuditRecord process(AssetMessage message, boolean lastAttempt) {
        AuditRecords.Start start = audit.start(message);
        String database = GlueNames.database(mapping.databasePrefix(), message.space());
        String table = GlueNames.table(message.asset());
        try {
            AssetRules assetRules = new AssetRules(rules.businessContext(message.space(), message.asset(),
                    message.kind()), rules.columns(message.space(), message.asset(), message.kind()));
            String configHash = io.dsgluesync.mapping.Fingerprints.sha256(JsonCodec.write(mapping) + assetRules.canonical());
            Optional<StoredTable> stored = writer.read(database, table);
            Map<String, String> storedEtags = storedEtags(stored, configHash);
            Documents documents = message.designTimeOnly() ? new Documents(null, null) : fetch(message, storedEtags);
            if (!documents.allNotModified() && documents.anyNotModified()) {
                documents = fetch(message, Map.of()); // one of two changed: both are needed to map it
            }
            if (!message.designTimeOnly() && documents.allNotModified()) {
                return audit.record(start, database, table, AuditAction.UNCHANGED, -1,
                        stored.get().parameters().get(SyncParameters.FINGERPRINT),
                        stored.get().parameters().get(SyncParameters.FINGERPRINT), null, null, null,
                        "metadata not modified (HTTP 304)", List.of());
            }
            List<String> notes = new ArrayList<>();
            EntityModel model = message.designTimeOnly() ? csn(message) : enrich(message, documents.model(message), notes);
            TableDefinition definition = GlueTableMapper.map(message, model, mapping, assetRules);
            Map<String, String> syncMetadata = new LinkedHashMap<>();
            syncMetadata.put(SyncParameters.CONFIG_HASH, configHash);
            if (!documents.etags().isEmpty()) {
                syncMetadata.put(SyncParameters.METADATA_ETAGS, JsonCodec.write(documents.etags()));
            }
            WriteOutcome outcome = writer.upsert(definition, message.runId(), stored, syncMetadata);
            notes.addAll(definition.warnings());
            return audit.record(start, definition.database().name(), definition.name(), outcome.action(),
                    definition.columns().size() + definition.partitionKeys().size(), outcome.fingerprintBefore(),
                    definition.fingerprint(), null, null,
                    outcome.action() == AuditAction.CONFLICT ? outcome.detail() : null,
                    outcome.action() == AuditAction.CONFLICT ? null : outcome.detail(), List.copyOf(notes));
        } catch (DatasphereException e) {
            if (e.retryable() && !lastAttempt) {
                throw new RetryLaterException(e.getMessage(), e);
            }
            return audit.failed(start, database, table, e, "metadataUrl");
        } catch (CatalogException e) {
            if (e.retryable() && !lastAttempt) {
                throw new RetryLaterException(e.getMessage(), e);
            }
            return audit.failed(start, database, table, e, null);
        } catch (CsdlException e) {
            return audit.failed(start, database, table, e, e.field());
        } catch (MappingException e) {
            return audit.failed(start, database, table, e, e.field());
        }
    }

    private EntityModel csn(AssetMessage message) {
        return CsnParser.parse(message.asset(),
                datasphere.fetchCsn(message.space(), message.kind().designType(), message.asset()));
    }

    /** Lays the CSN's semantics over the CSDL model; the enrichment is optional, so only a transient error fails. */
    private EntityModel enrich(AssetMessage message, EntityModel model, List<String> notes) {
        if (!designTime) {
            return model;
        }
        try {
            return CsnParser.enrich(model, csn(message));
        } catch (DatasphereException e) {
            if (e.retryable()) {
                throw e;
            }
            notes.add("design-time enrichment unavailable: " + e.getMessage());
            return model;
        } catch (CsdlException e) {
            notes.add("design-time enrichment unreadable: " + e.getMessage());
            return model;
        }
    }

    /** The ETags stored on a table this sync manages, if it was mapped with the same configuration. */
    private static Map<String, String> storedEtags(Optional<StoredTable> stored, String configHash) {
        if (stored.isEmpty() || stored.get().parameters() == null) {
            return Map.of();
        }
        Map<String, String> p = stored.get().parameters();
        if (!SyncParameters.MANAGED_BY_VALUE.equals(p.get(SyncParameters.MANAGED_BY))
                || !configHash.equals(p.get(SyncParameters.CONFIG_HASH)) || p.get(SyncParameters.FINGERPRINT) == null
                || p.get(SyncParameters.METADATA_ETAGS) == null) {
            return Map.of();
        }
        try {
            Map<String, String> etags = new LinkedHashMap<>();
            JsonCodec.mapper().readTree(p.get(SyncParameters.METADATA_ETAGS)).fields()
                    .forEachRemaining(e -> etags.put(e.getKey(), e.getValue().asText()));
            return etags;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private Documents fetch(AssetMessage message, Map<String, String> storedEtags) {
        MetadataDocument relational = message.relationalMetadataUrl() == null ? null
                : datasphere.fetchMetadata(URI.create(message.relationalMetadataUrl()), storedEtags.get("relational"));
        MetadataDocument analytical = message.analyticalMetadataUrl() == null ? null
                : datasphere.fetchMetadata(URI.create(message.analyticalMetadataUrl()), storedEtags.get("analytical"));
        return new Documents(relational, analytical);
    }

    /** The fetched documents of one asset. */
    private record Documents(MetadataDocument relational, MetadataDocument analytical) {
        boolean allNotModified() {
            return (relational == null || relational.notModified()) && (analytical == null || analytical.notModified());
        }

        boolean anyNotModified() {
            return (relational != null && relational.notModified()) || (analytical != null && analytical.notModified());
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

        EntityModel model(AssetMessage message) {
            EntityModel rel = relational == null ? null : CsdlParser.parse(message.asset(), relational.body());
            EntityModel ana = analytical == null ? null : CsdlParser.parse(message.asset(), analytical.body());
            if (rel != null && ana != null) {
                return rel.withAnalytics(ana);
            }
            return rel != null ? rel : ana;
        }
    }
}
