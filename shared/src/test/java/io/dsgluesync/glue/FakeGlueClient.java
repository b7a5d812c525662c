package io.dsgluesync.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;
import software.amazon.awssdk.services.glue.model.ValidationException;

/**
 * An in-process Glue that enforces what moto does not (moto's Glue backend,
 * https://github.com/getmoto/moto/blob/master/moto/glue/models.py, stores names as given, validates no field, ignores
 * VersionId and never pages): names folded to lower case
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html), field limits answered with ValidationException,
 * VersionId checked (first "0", https://github.com/floci-io/floci/issues/1183; stale → ConcurrentModificationException,
 * https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html), and GetTables paged by MaxResults with a
 * NextToken — including the empty page with a token that the real service can return
 * (https://github.com/boto/boto3/issues/3826). Only the request-object methods are implemented: the interface's default
 * methods turn the builder form into them.
 */
final class FakeGlueClient implements GlueClient {
    final Map<String, Database> databases = new TreeMap<>();
    final Map<String, Map<String, Table>> tables = new TreeMap<>();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger getTablesCalls = new AtomicInteger();
    final AtomicInteger getTableCalls = new AtomicInteger();
    /** Run before each UpdateTable is applied: lets a test slip in a concurrent writer. */
    Runnable beforeUpdate = () -> { };
    /** Tables per GetTables page the fake answers at most (MaxResults may ask fewer). */
    int pageCap = 100;
    /** When set, the first page answered is empty but carries a NextToken. */
    boolean leadingEmptyPage;
    /** Operations the caller's identity may not call: they answer AccessDeniedException, as IAM would. */
    final java.util.Set<String> denied = new java.util.HashSet<>();

    /** Thrown by every call, as the SDK throws what the credentials provider failed with (e.g. STS). */
    RuntimeException credentialsFailure;

    private void authorize(String operation) {
        if (credentialsFailure != null) {
            throw credentialsFailure;
        }
        if (denied.contains(operation)) {
            throw software.amazon.awssdk.services.glue.model.AccessDeniedException.builder()
                    .message("User: arn:aws:sts::123456789012:assumed-role/sync/x is not authorized to perform: glue:"
                            + operation).build();
        }
    }

    @Override
    public String serviceName() {
        return "glue";
    }

    @Override
    public void close() {
    }

    @Override
    public GetDatabaseResponse getDatabase(GetDatabaseRequest request) {
        authorize("GetDatabase");
        Database db = databases.get(fold(request.name()));
        if (db == null) {
            throw EntityNotFoundException.builder().message("Database " + request.name() + " not found.").build();
        }
        return GetDatabaseResponse.builder().database(db).build();
    }

    @Override
    public CreateDatabaseResponse createDatabase(CreateDatabaseRequest request) {
        authorize("CreateDatabase");
        String name = fold(request.databaseInput().name());
        checkName("databaseInput.name", name);
        if (databases.containsKey(name)) {
            throw AlreadyExistsException.builder().message("Database already exists.").build();
        }
        databases.put(name, Database.builder().name(name).description(request.databaseInput().description())
                .parameters(request.databaseInput().parameters()).build());
        tables.put(name, new TreeMap<>());
        return CreateDatabaseResponse.builder().build();
    }

    @Override
    public GetTableResponse getTable(GetTableRequest request) {
        authorize("GetTable");
        getTableCalls.incrementAndGet();
        Table t = tablesOf(request.databaseName()).get(fold(request.name()));
        if (t == null) {
            throw EntityNotFoundException.builder().message("Table " + request.name() + " not found.").build();
        }
        return GetTableResponse.builder().table(t).build();
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        authorize("CreateTable");
        validate(request.tableInput());
        Map<String, Table> db = tablesOf(request.databaseName());
        String name = fold(request.tableInput().name());
        if (db.containsKey(name)) {
            throw AlreadyExistsException.builder().message("Table already exists.").build();
        }
        db.put(name, table(request.databaseName(), request.tableInput(), "0"));
        return CreateTableResponse.builder().build();
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        authorize("UpdateTable");
        beforeUpdate.run();
        validate(request.tableInput());
        Map<String, Table> db = tablesOf(request.databaseName());
        String name = fold(request.tableInput().name());
        Table current = db.get(name);
        if (current == null) {
            throw EntityNotFoundException.builder().message("Table " + name + " not found.").build();
        }
        if (request.versionId() != null && !request.versionId().equals(current.versionId())) {
            throw ConcurrentModificationException.builder()
                    .message("Update table failed due to concurrent modifications.").build();
        }
        db.put(name, table(request.databaseName(), request.tableInput(),
                Integer.toString(Integer.parseInt(current.versionId()) + 1)));
        updates.incrementAndGet();
        return UpdateTableResponse.builder().build();
    }

    @Override
    public GetTablesResponse getTables(GetTablesRequest request) {
        authorize("GetTables");
        getTablesCalls.incrementAndGet();
        List<Table> all = new ArrayList<>(tablesOf(request.databaseName()).values());
        int max = Math.min(pageCap, request.maxResults() == null ? 100 : request.maxResults());
        if (max < 1 || max > 100) {
            throw ValidationException.builder().message("maxResults must be 1..100").build();
        }
        if (leadingEmptyPage && request.nextToken() == null) {
            return GetTablesResponse.builder().tableList(List.of()).nextToken("0").build();
        }
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken());
        int to = Math.min(all.size(), from + max);
        return GetTablesResponse.builder().tableList(all.subList(from, to))
                .nextToken(to < all.size() ? Integer.toString(to) : null).build();
    }

    /** Partitions per {@code database.table}: GetPartitions answers that many (at most MaxResults). */
    final Map<String, Integer> partitions = new TreeMap<>();

    @Override
    public software.amazon.awssdk.services.glue.model.GetPartitionsResponse getPartitions(
            software.amazon.awssdk.services.glue.model.GetPartitionsRequest request) {
        authorize("GetPartitions");
        int count = partitions.getOrDefault(fold(request.databaseName()) + "." + fold(request.tableName()), 0);
        List<software.amazon.awssdk.services.glue.model.Partition> page = new ArrayList<>();
        for (int i = 0; i < Math.min(count, request.maxResults() == null ? 1000 : request.maxResults()); i++) {
            page.add(software.amazon.awssdk.services.glue.model.Partition.builder().values(Integer.toString(i))
                    .build());
        }
        return software.amazon.awssdk.services.glue.model.GetPartitionsResponse.builder().partitions(page).build();
    }

    @Override
    public software.amazon.awssdk.services.glue.model.DeleteTableResponse deleteTable(
            software.amazon.awssdk.services.glue.model.DeleteTableRequest request) {
        authorize("DeleteTable");
        if (tablesOf(request.databaseName()).remove(fold(request.name())) == null) {
            throw EntityNotFoundException.builder().message("Table " + request.name() + " not found.").build();
        }
        return software.amazon.awssdk.services.glue.model.DeleteTableResponse.builder().build();
    }

    private Map<String, Table> tablesOf(String database) {
        Map<String, Table> db = tables.get(fold(database));
        if (db == null) {
            throw EntityNotFoundException.builder().message("Database " + database + " not found.").build();
        }
        return db;
    }

    private static Table table(String database, TableInput input, String version) {
        return Table.builder().databaseName(fold(database)).name(fold(input.name())).description(input.description())
                .tableType(input.tableType()).storageDescriptor(input.storageDescriptor())
                .owner(input.owner()).retention(input.retention()).viewOriginalText(input.viewOriginalText())
                .partitionKeys(input.partitionKeys()).parameters(input.parameters()).versionId(version).build();
    }

    /**
     * Glue's model constraints (https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html), which the SDK does
     * not check.
     */
    private static void validate(TableInput input) {
        checkName("tableInput.name", input.name());
        if (input.description() != null && input.description().length() > 2048) {
            throw invalid("tableInput.description", "length less than or equal to 2048");
        }
        List<Column> columns = input.storageDescriptor() == null ? List.of() : input.storageDescriptor().columns();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            checkName("tableInput.storageDescriptor.columns." + i + ".member.name", c.name());
            if (c.comment() != null && (c.comment().length() > 255 || c.comment().contains("\n"))) {
                throw invalid("tableInput.storageDescriptor.columns." + i + ".member.comment",
                        "length less than or equal to 255 and no line break");
            }
        }
        if (input.parameters() != null) {
            input.parameters().forEach((k, v) -> {
                if (k.isEmpty() || k.length() > 255 || (v != null && v.length() > 512_000)) {
                    throw invalid("tableInput.parameters", "key 1..255 and value up to 512000 characters");
                }
            });
        }
    }

    private static void checkName(String field, String name) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.contains("\n") || name.contains("\r")) {
            throw invalid(field, "length between 1 and 255 without line breaks");
        }
    }

    private static ValidationException invalid(String field, String constraint) {
        return ValidationException.builder().message("'" + field + "' failed to satisfy constraint: Member must have "
                + constraint).build();
    }

    private static String fold(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
