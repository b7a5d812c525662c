package io.dsgluesync.governance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.AccessDeniedException;
import software.amazon.awssdk.services.lakeformation.model.EntityNotFoundException;
import software.amazon.awssdk.services.lakeformation.model.GetResourceLfTagsResponse;
import software.amazon.awssdk.services.lakeformation.model.LFTagError;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.LakeFormationException;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * The Lake Formation boundary for LF-Tags: one target's catalog id on every request, SDK exceptions translated into
 * {@link LfTagException}. GetLFTag, CreateLFTag, UpdateLFTag, GetResourceLFTags, AddLFTagsToResource and
 * RemoveLFTagsFromResource (https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_Operations.html);
 * nothing else.
 */
public class LakeFormationCatalog {
    private final Supplier<LakeFormationClient> clients;
    private final String catalogId;

    /**
     * @param client    built on first use, so that a worker whose rules assign no LF-Tag never builds it
     * @param catalogId the Glue target's catalog; null for the caller's account
     */
    public LakeFormationCatalog(Supplier<LakeFormationClient> client, String catalogId) {
        this.clients = client;
        this.catalogId = catalogId;
    }

    private LakeFormationClient lf() {
        return clients.get();
    }

    /** The values an LF-Tag key allows; empty when the key does not exist. */
    public Optional<Set<String>> tagValues(String key) {
        try {
            List<String> values = call("GetLFTag", key, () -> lf().getLFTag(r -> r.catalogId(catalogId).tagKey(key)))
                    .tagValues();
            // Lake Formation answers EntityNotFoundException for a missing key; moto 5.2.5 answers an empty list
            // (moto/lakeformation/models.py get_lf_tag). A key always has at least one value, so both mean absent.
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(new TreeSet<>(values));
        } catch (LfTagException e) {
            if (e.kind() == LfTagException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void createTag(String key, Collection<String> values) {
        call("CreateLFTag", key, () -> lf().createLFTag(r -> r.catalogId(catalogId).tagKey(key).tagValues(values)));
    }

    public void addTagValues(String key, Collection<String> values) {
        call("UpdateLFTag", key, () -> lf().updateLFTag(r -> r.catalogId(catalogId).tagKey(key)
                .tagValuesToAdd(values)));
    }

    /** The tags assigned to the database itself (not inherited). */
    public Map<String, String> databaseTags(String database) {
        GetResourceLfTagsResponse response = call("GetResourceLFTags", database, () -> lf().getResourceLFTags(r -> r
                .catalogId(catalogId).resource(databaseResource(database)).showAssignedLFTags(true)));
        return pairs(response.lfTagOnDatabase());
    }

    /** The tags assigned to the table itself (not those it inherits from its database). */
    public Map<String, String> tableTags(String database, String table) {
        GetResourceLfTagsResponse response = call("GetResourceLFTags", database + "." + table,
                () -> lf().getResourceLFTags(r -> r.catalogId(catalogId).resource(tableResource(database, table))
                        .showAssignedLFTags(true)));
        return pairs(response.lfTagsOnTable());
    }

    /** The tags assigned to each of {@code columns} itself, by column. */
    public Map<String, Map<String, String>> columnTags(String database, String table, List<String> columns) {
        GetResourceLfTagsResponse response = call("GetResourceLFTags", database + "." + table,
                () -> lf().getResourceLFTags(r -> r.catalogId(catalogId)
                        .resource(columnsResource(database, table, columns)).showAssignedLFTags(true)));
        Map<String, Map<String, String>> tags = new TreeMap<>();
        response.lfTagsOnColumns().forEach(c -> tags.put(c.name(), pairs(c.lfTags())));
        return tags;
    }

    /**
     * Attaches {@code key=value} to the resource; answers the failures Lake Formation reports per tag (the call
     * itself succeeds), as text.
     */
    public List<String> add(String database, String table, LfTagPlan.Resource at, List<String> columns, String key,
                            String value) {
        List<LFTagError> failures = call("AddLFTagsToResource", key + " on " + database + "." + table,
                () -> lf().addLFTagsToResource(r -> r.catalogId(catalogId).resource(resource(database, table, at,
                        columns)).lfTags(pair(key, value)))).failures();
        return errors(failures);
    }

    public List<String> remove(String database, String table, LfTagPlan.Resource at, List<String> columns,
                               String key, String value) {
        List<LFTagError> failures = call("RemoveLFTagsFromResource", key + " on " + database + "." + table,
                () -> lf().removeLFTagsFromResource(r -> r.catalogId(catalogId).resource(resource(database, table,
                        at, columns)).lfTags(pair(key, value)))).failures();
        return errors(failures);
    }

    private LFTagPair pair(String key, String value) {
        return LFTagPair.builder().catalogId(catalogId).tagKey(key).tagValues(value).build();
    }

    private static List<String> errors(List<LFTagError> failures) {
        List<String> errors = new ArrayList<>();
        if (failures != null) {
            failures.forEach(f -> errors.add(f.error() == null ? "failed" : f.error().errorCode() + ": "
                    + f.error().errorMessage()));
        }
        return errors;
    }

    private static Map<String, String> pairs(List<LFTagPair> pairs) {
        Map<String, String> tags = new TreeMap<>();
        if (pairs != null) {
            pairs.forEach(p -> {
                if (p.tagValues() != null && !p.tagValues().isEmpty()) {
                    tags.put(p.tagKey(), p.tagValues().get(0));
                }
            });
        }
        return tags;
    }

    private Resource resource(String database, String table, LfTagPlan.Resource at, List<String> columns) {
        return switch (at.level()) {
            case DATABASE -> databaseResource(database);
            case TABLE -> tableResource(database, table);
            case COLUMN -> columnsResource(database, table, columns);
        };
    }

    private Resource databaseResource(String database) {
        return Resource.builder().database(d -> d.catalogId(catalogId).name(database)).build();
    }

    private Resource tableResource(String database, String table) {
        return Resource.builder().table(t -> t.catalogId(catalogId).databaseName(database).name(table)).build();
    }

    private Resource columnsResource(String database, String table, List<String> columns) {
        return Resource.builder().tableWithColumns(t -> t.catalogId(catalogId).databaseName(database).name(table)
                .columnNames(columns)).build();
    }

    private static <T> T call(String operation, String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (AccessDeniedException e) {
            throw new LfTagException(LfTagException.Kind.DENIED, operation, subject, e);
        } catch (EntityNotFoundException e) {
            throw new LfTagException(LfTagException.Kind.NOT_FOUND, operation, subject, e);
        } catch (LakeFormationException e) {
            LfTagException.Kind kind = e.isThrottlingException() ? LfTagException.Kind.THROTTLED
                    : e.statusCode() >= 500 ? LfTagException.Kind.UNAVAILABLE : LfTagException.Kind.REJECTED;
            throw new LfTagException(kind, operation, subject, e);
        } catch (SdkException e) {
            throw new LfTagException(LfTagException.Kind.UNAVAILABLE, operation, subject, e);
        }
    }
}
