package io.dsgluesync.glue;

import io.dsgluesync.mapping.GlueLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;
import software.amazon.awssdk.services.glue.model.AccessDeniedException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.ValidationException;

/**
 * The only class that calls Glue. The catalog id (for cross-account catalogs) is set on every request here, and
 * every SDK exception is translated here into a {@link CatalogException}.
 */
public class GlueCatalog {
    private final GlueClient glue;
    private final String catalogId;

    public GlueCatalog(GlueClient glue, String catalogId) {
        this.glue = glue;
        this.catalogId = catalogId == null || catalogId.isBlank() ? null : catalogId;
    }

    public boolean databaseExists(String name) {
        return call("GetDatabase", () -> {
            try {
                glue.getDatabase(r -> r.catalogId(catalogId).name(name));
                return true;
            } catch (EntityNotFoundException e) {
                return false;
            }
        });
    }

    public void createDatabase(DatabaseInput input) {
        call("CreateDatabase", () -> glue.createDatabase(r -> r.catalogId(catalogId).databaseInput(input)));
    }

    public Optional<StoredTable> getTable(String database, String name) {
        return call("GetTable", () -> {
            try {
                Table t = glue.getTable(r -> r.catalogId(catalogId).databaseName(database).name(name)).table();
                return Optional.of(stored(t));
            } catch (EntityNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public void createTable(String database, TableInput input) {
        call("CreateTable", () -> glue.createTable(r -> r.catalogId(catalogId).databaseName(database)
                .tableInput(input)));
    }

    /**
     * UpdateTable replaces the whole TableInput; {@code versionId} is Glue's optimistic lock
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html).
     */
    public void updateTable(String database, TableInput input, String versionId, boolean skipArchive) {
        call("UpdateTable", () -> glue.updateTable(r -> r.catalogId(catalogId).databaseName(database)
                .tableInput(input).versionId(versionId).skipArchive(skipArchive)));
    }

    /**
     * Every table of a database, paging until NextToken is null
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_GetTables.html): a page may be empty while more follow
     * (https://github.com/boto/boto3/issues/3826).
     */
    /** One {@code GetTables} call for at most one table: whether the caller may list the database at all. */
    public void probeTables(String database) {
        call("GetTables", () -> {
            try {
                return glue.getTables(r -> r.catalogId(catalogId).databaseName(database).maxResults(1));
            } catch (EntityNotFoundException e) {
                return null;
            }
        });
    }

    public List<StoredTable> listTables(String database) {
        return call("GetTables", () -> {
            List<StoredTable> tables = new ArrayList<>();
            try {
                glue.getTablesPaginator(r -> r.catalogId(catalogId).databaseName(database)
                                .maxResults(GlueLimits.TABLES_PAGE))
                        .forEach(page -> page.tableList().forEach(t -> tables.add(stored(t))));
            } catch (EntityNotFoundException e) {
                return List.<StoredTable>of();
            }
            return tables;
        });
    }

    private static StoredTable stored(Table t) {
        return StoredTable.of(t);
    }

    /** DeleteTable (https://docs.aws.amazon.com/glue/latest/webapi/API_DeleteTable.html); false when already gone. */
    public boolean deleteTable(String database, String name) {
        return call("DeleteTable", () -> {
            try {
                glue.deleteTable(r -> r.catalogId(catalogId).databaseName(database).name(name));
                return true;
            } catch (EntityNotFoundException e) {
                return false;
            }
        });
    }

    /**
     * Whether the table has at least one partition: one GetPartitions page of one
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_GetPartitions.html).
     */
    public boolean hasPartitions(String database, String table) {
        return call("GetPartitions", () -> !glue.getPartitions(r -> r.catalogId(catalogId).databaseName(database)
                .tableName(table).maxResults(1)).partitions().isEmpty());
    }

    /** Every database whose name starts with {@code prefix}, paging until NextToken is null (GetDatabases). */
    public List<Database> listDatabases(String prefix) {
        return call("GetDatabases", () -> {
            List<Database> databases = new ArrayList<>();
            glue.getDatabasesPaginator(r -> r.catalogId(catalogId).maxResults(GlueLimits.TABLES_PAGE))
                    .forEach(page -> page.databaseList().stream().filter(d -> d.name().startsWith(prefix))
                            .forEach(databases::add));
            return databases;
        });
    }

    public void updateDatabase(String name, DatabaseInput input) {
        call("UpdateDatabase", () -> glue.updateDatabase(r -> r.catalogId(catalogId).name(name).databaseInput(input)));
    }

    /** DeleteDatabase: Glue deletes the tables in it too, so the caller checks that it is empty first. */
    public void deleteDatabase(String name) {
        call("DeleteDatabase", () -> glue.deleteDatabase(r -> r.catalogId(catalogId).name(name)));
    }

    private <T> T call(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (AlreadyExistsException e) {
            throw new CatalogException(CatalogException.Kind.ALREADY_EXISTS, operation, message(e), e);
        } catch (EntityNotFoundException e) {
            throw new CatalogException(CatalogException.Kind.NOT_FOUND, operation, message(e), e);
        } catch (ConcurrentModificationException e) {
            throw new CatalogException(CatalogException.Kind.CONFLICT, operation, message(e), e);
        } catch (ValidationException | InvalidInputException e) {
            throw new CatalogException(CatalogException.Kind.REJECTED, operation, message(e), e);
        } catch (AccessDeniedException e) {
            throw new CatalogException(CatalogException.Kind.ACCESS_DENIED, operation, message(e), e);
        } catch (ResourceNumberLimitExceededException e) {
            throw new CatalogException(CatalogException.Kind.LIMIT_EXCEEDED, operation, message(e), e);
        } catch (OperationTimeoutException e) {
            throw new CatalogException(CatalogException.Kind.UNAVAILABLE, operation, message(e), e);
        } catch (GlueException e) {
            boolean throttled = e.isThrottlingException() || e.statusCode() == 429;
            throw new CatalogException(throttled ? CatalogException.Kind.THROTTLED
                    : e.statusCode() >= 500 ? CatalogException.Kind.UNAVAILABLE : CatalogException.Kind.REJECTED,
                    operation, message(e), e);
        } catch (AwsServiceException e) {
            // Another service failed on the way, e.g. STS refusing the target's role to the credentials provider
            // (StsAssumeRoleCredentialsProvider): a denial stays a denial, the rest is transient or a rejection.
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            CatalogException.Kind kind = e.statusCode() == 403 || code.startsWith("AccessDenied")
                    ? CatalogException.Kind.ACCESS_DENIED : e.isThrottlingException() ? CatalogException.Kind.THROTTLED
                    : e.statusCode() >= 500 ? CatalogException.Kind.UNAVAILABLE : CatalogException.Kind.REJECTED;
            throw new CatalogException(kind, operation, "credentials: " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new CatalogException(CatalogException.Kind.UNAVAILABLE, operation, e.getMessage(), e);
        }
    }

    private static String message(GlueException e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}
