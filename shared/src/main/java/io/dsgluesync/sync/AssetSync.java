package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.WriteOutcome;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingException;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker's job for one asset: fetch its {@code $metadata}, map it, upsert it, and account for it in an
 * {@link AuditRecord}. Asset-level problems become a {@code failed} record; transient ones are retried by the
 * queue ({@link RetryLaterException}) until the last attempt, which also ends in a {@code failed} record.
 */
public class AssetSync {
    private final DatasphereClient datasphere;
    private final CatalogWriter writer;
    private final CallCounter glueCalls;
    private final MappingSettings mapping;
    private final Clock clock;
    private final String targetAccount;

    public AssetSync(DatasphereClient datasphere, CatalogWriter writer, CallCounter glueCalls,
                     MappingSettings mapping, Clock clock, String targetAccount) {
        this.datasphere = datasphere;
        this.writer = writer;
        this.glueCalls = glueCalls;
        this.mapping = mapping;
        this.clock = clock;
        this.targetAccount = targetAccount;
    }

    public AuditRecord process(AssetMessage message, boolean lastAttempt) {
        Instant started = clock.instant();
        Map<String, Integer> glueBefore = glueCalls.snapshot();
        int datasphereBefore = datasphere.requestCount();
        String database = GlueNames.database(mapping.databasePrefix(), message.space());
        String table = GlueNames.table(message.asset());
        try {
            EntityModel model = fetchModel(message);
            TableDefinition definition = GlueTableMapper.map(message, model, mapping);
            WriteOutcome outcome = writer.upsert(definition, message.runId());
            return record(message, started, glueBefore, datasphereBefore, definition.database().name(),
                    definition.name(), outcome.action(), definition.columns().size(), outcome.fingerprintBefore(),
                    definition.fingerprint(), null, null, outcome.detail(), definition.warnings());
        } catch (DatasphereException e) {
            if (e.retryable() && !lastAttempt) {
                throw new RetryLaterException(e.getMessage(), e);
            }
            return failed(message, started, glueBefore, datasphereBefore, database, table, e, "metadataUrl");
        } catch (CatalogException e) {
            if (e.retryable() && !lastAttempt) {
                throw new RetryLaterException(e.getMessage(), e);
            }
            return failed(message, started, glueBefore, datasphereBefore, database, table, e, null);
        } catch (CsdlException e) {
            return failed(message, started, glueBefore, datasphereBefore, database, table, e, e.field());
        } catch (MappingException e) {
            return failed(message, started, glueBefore, datasphereBefore, database, table, e, e.field());
        }
    }

    private EntityModel fetchModel(AssetMessage message) {
        EntityModel relational = message.relationalMetadataUrl() == null ? null
                : CsdlParser.parse(message.asset(), datasphere.fetchMetadata(
                        URI.create(message.relationalMetadataUrl()), null).body());
        EntityModel analytical = message.analyticalMetadataUrl() == null ? null
                : CsdlParser.parse(message.asset(), datasphere.fetchMetadata(
                        URI.create(message.analyticalMetadataUrl()), null).body());
        if (relational != null && analytical != null) {
            return relational.withAnalytics(analytical);
        }
        return relational != null ? relational : analytical;
    }

    private AuditRecord failed(AssetMessage message, Instant started, Map<String, Integer> glueBefore,
                               int datasphereBefore, String database, String table, RuntimeException e, String field) {
        return record(message, started, glueBefore, datasphereBefore, database, table, AuditAction.FAILED, 0, null,
                null, e.getClass().getSimpleName(), field, e.getMessage(), List.of());
    }

    private AuditRecord record(AssetMessage message, Instant started, Map<String, Integer> glueBefore,
                               int datasphereBefore, String database, String table, AuditAction action,
                               int columns, String before, String after, String errorClass, String field,
                               String error, List<String> warnings) {
        Map<String, Integer> calls = new TreeMap<>();
        glueCalls.since(glueBefore).forEach((op, n) -> calls.put("glue." + op, n));
        calls.put("datasphere", datasphere.requestCount() - datasphereBefore);
        Instant finished = clock.instant();
        return new AuditRecord(AuditRecord.TYPE, AuditRecord.SCHEMA_VERSION, message.runId(), message.space(),
                message.asset(), message.kind().label(), database, table, action, columns, before, after,
                errorClass, field, error, warnings, calls, targetAccount,
                Duration.between(started, finished).toMillis(), finished.toString());
    }
}
