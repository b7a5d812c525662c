package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.CatalogException;
import io.dsgluesync.glue.StoredTable;
import io.dsgluesync.glue.TableStates;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.glue.WriteOutcome;
import io.dsgluesync.governance.DesiredLfTags;
import io.dsgluesync.governance.LfTagWriter;
import io.dsgluesync.governance.LfTags;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.mapping.Fingerprints;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The worker's job for one asset: fetch its {@code $metadata}, map it once, upsert it into every Glue target, and
 * account for it in an {@link AuditRecord}. Asset-level problems become a {@code failed} record; transient ones are
 * retried by the queue ({@link RetryLaterException}) until the last attempt, which also ends in a {@code failed}
 * record.
 *
 * <p>What each target holds comes from the message when discovery read it (no GetTable), else from GetTable. When
 * every target holds the {@code $metadata} ETags and the same mapping configuration, the documents are requested
 * with {@code If-None-Match}; a 304 for every document means unchanged, with no parse and no Glue call.
 */
public class AssetSync {
    private final List<TargetCatalog> targets;
    private final MappingSettings mapping;
    private final java.util.function.Supplier<SyncRules> rules;
    private final MetadataFetcher fetcher;
    private final AuditRecords audit;
    private final LineageSupport lineage;
    private final Clock clock;
    private final LakeFormationTagging lakeFormation;

    public AssetSync(DatasphereClient datasphere, List<TargetCatalog> targets, CallCounter glueCalls,
                     MappingSettings mapping, SyncRules rules, boolean designTime, Clock clock) {
        this(datasphere, targets, glueCalls, mapping, () -> rules, designTime, clock);
    }

    public AssetSync(DatasphereClient datasphere, List<TargetCatalog> targets, CallCounter glueCalls,
                     MappingSettings mapping, java.util.function.Supplier<SyncRules> rules, boolean designTime,
                     Clock clock) {
        this(datasphere, targets, glueCalls, mapping, rules, designTime, LineageSupport.OFF, clock, Map.of());
    }

    /**
     * With the rules read through {@code rules} for every asset (a reloading source keeps them current), the
     * lineage read from each changed asset's design-time definition when {@code lineage} is on, and LF-Tags written
     * through {@code lakeFormation}, by target name, when the rules have a section for them.
     */
    public AssetSync(DatasphereClient datasphere, List<TargetCatalog> targets, CallCounter glueCalls,
                     MappingSettings mapping, java.util.function.Supplier<SyncRules> rules, boolean designTime,
                     LineageSupport lineage, Clock clock, Map<String, LfTagWriter> lakeFormation) {
        this.lakeFormation = new LakeFormationTagging(lakeFormation);
        this.targets = targets;
        this.mapping = mapping;
        this.rules = rules;
        this.lineage = lineage;
        this.clock = clock;
        this.fetcher = new MetadataFetcher(datasphere, designTime, lineage.enabled());
        this.audit = new AuditRecords(datasphere, glueCalls, clock, () -> targets.stream()
                .map(t -> t.identity().get().account()).distinct().collect(Collectors.joining(",")));
    }

    public AuditRecord process(AssetMessage message, boolean lastAttempt) {
        AuditRecords.Start start = audit.start(message);
        String database = GlueNames.database(mapping.databasePrefix(), message.space());
        String table = GlueNames.table(message.asset());
        try {
            if (message.retiring()) {
                return retire(start, message, database, table, lastAttempt);
            }
            SyncRules rules = this.rules.get();
            AssetRules assetRules = new AssetRules(rules.businessContext(message.space(), message.asset(),
                    message.kind()), rules.columns(message.space(), message.asset(), message.kind()),
                    rules.lakeFormationTags());
            // The replication binding is configuration too: a flow moved to another folder or bucket must reach the
            // table even while the asset's $metadata answers 304. The mapping's version makes a release that maps
            // differently re-map every table once.
            // Turning lineage on (or off) re-maps every table once, as a rules change does.
            String configHash = lineage.enabled() ? Fingerprints.sha256(configHash(mapping, assetRules, message)
                    + "+lineage") : configHash(mapping, assetRules, message);
            Map<String, Optional<StoredTable>> stored = new LinkedHashMap<>();
            for (TargetCatalog target : targets) {
                String name = target.target().name();
                stored.put(name, message.glue() != null && message.glue().containsKey(name)
                        ? TableStates.stored(database, table, message.glue().get(name))
                        : target.writer().read(database, table));
            }
            MetadataFetcher.Documents documents = fetcher.fetch(message, commonEtags(stored, configHash, targets.get(0).writer().deployment()));
            if (documents.allNotModified()) {
                String fingerprint = stored.values().iterator().next().get().parameters().get(SyncParameters.FINGERPRINT);
                return audit.record(start, database, table, AuditAction.UNCHANGED, -1, fingerprint, fingerprint,
                        List.of(), null, null, null, "metadata not modified (HTTP 304)", List.of(), Map.of());
            }
            List<String> notes = new ArrayList<>(documents.notes());
            EntityModel model = documents.model();
            TableDefinition mapped = GlueTableMapper.map(message, model, mapping, assetRules);
            Lineage lineage = this.lineage.read(message, documents.definition(), notes);
            TableDefinition definition = this.lineage.apply(message, mapped, lineage, notes);
            Map<String, String> syncMetadata = new LinkedHashMap<>();
            syncMetadata.put(SyncParameters.CONFIG_HASH, configHash);
            if (!documents.etags().isEmpty()) {
                syncMetadata.put(SyncParameters.METADATA_ETAGS, JsonCodec.write(documents.etags()));
            }
            notes.addAll(definition.warnings());
            LfTags lfTags = null;
            if (lakeFormation.enabled(assetRules, stored.values())) {
                DesiredLfTags desired = LakeFormationTagging.desired(assetRules.lakeFormationTags(), assetRules,
                        definition);
                lfTags = desired.tags();
                notes.addAll(desired.notes());
                if (!assetRules.lakeFormationTags().isEmpty()) {
                    syncMetadata.put(LfTags.PARAMETER, lfTags.toJson());
                }
            }
            return write(start, message, definition, lineage, stored, syncMetadata, notes, lastAttempt, lfTags);
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
        } catch (AssetSkippedException e) {
            return audit.record(start, database, table, AuditAction.SKIPPED, 0, null, null, List.of(), null, null,
                    null, e.getMessage(), List.of(), Map.of());
        }
    }

    /**
     * A removed asset's table in each target the message names gets that target's policy; nothing else is read or
     * fetched. In a plan run the record says what would be done.
     */
    private AuditRecord retire(AuditRecords.Start start, AssetMessage message, String database, String table,
                               boolean lastAttempt) {
        Map<String, String> actions = new LinkedHashMap<>();
        AuditAction overall = null;
        String before = null;
        String error = null;
        List<String> notes = new ArrayList<>();
        for (TargetCatalog target : targets) {
            String name = target.target().name();
            String policy = message.retire().get(name);
            if (policy == null) {
                continue;
            }
            AuditAction action;
            try {
                WriteOutcome outcome = target.writer().retire(database, table, message.space(), message.asset(),
                        CatalogWriter.StalePolicy.valueOf(policy), message.runId(), message.plan());
                action = outcome.action();
                before = before != null ? before : outcome.fingerprintBefore();
                if (outcome.detail() != null) {
                    error = join(error, prefixed(name, outcome.detail()));
                }
                if (outcome.note() != null) {
                    notes.add(prefixed(name, outcome.note()));
                }
            } catch (CatalogException e) {
                if (e.retryable() && !lastAttempt) {
                    throw new RetryLaterException(e.getMessage(), e);
                }
                action = AuditAction.FAILED;
                error = join(error, prefixed(name, e.getMessage()));
            }
            actions.put(name, action.name());
            overall = overall == null || severity(action) > severity(overall) ? action : overall;
        }
        return audit.record(start, database, table, overall == null ? AuditAction.SKIPPED : overall, 0, before, null,
                List.of(), null, null, error, notes.isEmpty() ? "no target named in the message" : String.join("; ",
                        notes), List.of(), targets.size() > 1 ? actions : Map.of());
    }

    private String prefixed(String target, String text) {
        return targets.size() > 1 ? target + ": " + text : text;
    }

    /**
     * The record of an asset whose last attempt ended in something no layer expected (an untranslated SDK exception,
     * a parser's {@code Error}): it is accounted for as failed, naming the asset and what happened, instead of
     * reaching the dead-letter queue unrecorded.
     */
    public AuditRecord failedUnexpectedly(AssetMessage message, Throwable cause) {
        AuditRecords.Start start = audit.start(message);
        String database = GlueNames.database(mapping.databasePrefix(), message.space());
        String table = GlueNames.table(message.asset());
        return audit.record(start, database, table, AuditAction.FAILED, 0, null, null, List.of(), "Unexpected", null,
                "asset " + message.space() + "/" + message.asset() + ": unexpected " + cause.getClass().getName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), null, List.of(), Map.of());
    }

    /**
     * Upserts into every target (or, in a plan run, says what it would do); one target's permanent failure does not
     * stop the others.
     */
    private AuditRecord write(AuditRecords.Start start, AssetMessage message, TableDefinition definition,
                              Lineage lineage, Map<String, Optional<StoredTable>> stored,
                              Map<String, String> syncMetadata, List<String> notes, boolean lastAttempt,
                              LfTags lfTags) {
        Map<String, String> actions = new LinkedHashMap<>();
        AuditAction overall = null;
        String before = null;
        String error = null;
        String errorClass = null;
        String errorField = null;
        String errorKind = null;
        Map<String, List<String>> diff = Map.of();
        List<String> drift = new ArrayList<>();
        List<String> outcomeNotes = new ArrayList<>();
        for (TargetCatalog target : targets) {
            String name = target.target().name();
            AuditAction action;
            try {
                WriteOutcome outcome = target.writer().upsert(definition, message.runId(), stored.get(name),
                        syncMetadata, message.plan());
                action = outcome.action();
                before = before != null ? before : outcome.fingerprintBefore();
                if (diff.isEmpty() && !outcome.diff().isEmpty()) {
                    diff = outcome.diff();
                }
                outcome.drift().forEach(d -> drift.add(prefixed(name, d)));
                if (outcome.note() != null) {
                    outcomeNotes.add(prefixed(name, outcome.note()));
                }
                if (outcome.detail() != null) {
                    error = join(error, prefixed(name, outcome.detail()));
                }
                if (action == AuditAction.FAILED) {
                    errorClass = "Refused";
                    errorField = outcome.errorField();
                } else if (lfTags != null) {
                    LakeFormationTagging.Applied tagged = lakeFormation.apply(target, definition, outcome,
                            stored.get(name), lfTags, message.plan());
                    tagged.notes().forEach(n -> outcomeNotes.add(prefixed(name, n)));
                    if (tagged.error() != null) {
                        error = join(error, prefixed(name, tagged.error()));
                        errorField = errorField != null ? errorField : "lakeFormationTags";
                    }
                }
                if (action == AuditAction.CREATED || action == AuditAction.UPDATED) {
                    this.lineage.report(message, target, definition, lineage, mapping.sourceSystem(), clock.instant())
                            .ifPresent(problem -> notes.add(prefixed(name, problem)));
                }
            } catch (CatalogException e) {
                if (e.retryable() && !lastAttempt) {
                    throw e; // retried by the queue; targets already written are unchanged next time
                }
                action = AuditAction.FAILED;
                errorClass = e.getClass().getSimpleName();
                errorKind = errorKind != null ? errorKind : AuditRecords.errorKind(e);
                error = join(error, prefixed(name, e.getMessage()));
            }
            actions.put(name, action.name());
            overall = overall == null || severity(action) > severity(overall) ? action : overall;
        }
        List<String> changed = overall == AuditAction.CREATED ? List.of("table created") : changedFields(diff);
        return audit.record(start, definition.database().name(), definition.name(), overall,
                definition.columns().size() + definition.partitionKeys().size(), before, definition.fingerprint(),
                changed, errorClass, errorField, error, outcomeNotes.isEmpty() ? null : String.join("; ",
                        outcomeNotes), List.copyOf(notes), targets.size() > 1 ? actions : Map.of(), diff, drift)
                .withErrorKind(errorKind);
    }

    /** The diff as short lines ("columns added: a, b"), as the report shows them. */
    private static List<String> changedFields(Map<String, List<String>> diff) {
        List<String> lines = new ArrayList<>();
        diff.forEach((key, entries) -> lines.add(switch (key) {
            case "added", "removed", "retyped", "renamed" -> "columns " + key;
            case "partitionKeys" -> "partition keys";
            default -> key;
        } + ": " + String.join(", ", entries)));
        return lines;
    }

    /** The ETags every target holds for the same mapping configuration; empty when any target lacks them. */
    /**
     * The hash of everything besides the {@code $metadata} that shapes an asset's table: the mapping's version and
     * settings, the asset's rules, and its replication binding.
     */
    public static String configHash(MappingSettings mapping, AssetRules assetRules, AssetMessage message) {
        return Fingerprints.sha256(SyncParameters.MAPPING_VERSION + JsonCodec.write(mapping) + assetRules.canonical()
                + (message.replica() == null ? "" : JsonCodec.write(message.replica())));
    }

    private static Map<String, String> commonEtags(Map<String, Optional<StoredTable>> stored, String configHash,
                                                   String deployment) {
        Map<String, String> common = null;
        for (Optional<StoredTable> table : stored.values()) {
            Map<String, String> etags = storedEtags(table, configHash, deployment);
            if (etags.isEmpty() || (common != null && !common.equals(etags))) {
                return Map.of();
            }
            common = etags;
        }
        return common == null ? Map.of() : common;
    }

    private static Map<String, String> storedEtags(Optional<StoredTable> stored, String configHash,
                                                   String deployment) {
        if (stored.isEmpty() || stored.get().parameters() == null) {
            return Map.of();
        }
        Map<String, String> p = stored.get().parameters();
        // A drifted or deprecated table is rewritten from the asset's mapping, which a 304 would not give.
        if (!stored.get().drifted().isEmpty() || p.containsKey(SyncParameters.DEPRECATED_AT)
                || !deployment.equals(p.get(SyncParameters.DEPLOYMENT))
                || !SyncParameters.MANAGED_BY_VALUE.equals(p.get(SyncParameters.MANAGED_BY))
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

    /** Which action wins when targets differ: a failure or conflict anywhere is what the operator must see. */
    private static int severity(AuditAction action) {
        return switch (action) {
            case FAILED -> 5;
            case CONFLICT -> 4;
            case DRIFTED -> 3;
            case UPDATED, DELETED, DEPRECATED -> 3;
            case CREATED -> 2;
            case SKIPPED, STALE -> 1;
            case UNCHANGED -> 0;
        };
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }
}
