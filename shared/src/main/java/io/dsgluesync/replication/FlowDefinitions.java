package io.dsgluesync.replication;

import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import java.util.ArrayList;
import java.util.List;

/**
 * A space's flow definitions, each read once per run: replication binding ({@link ReplicaBinding}) and flow lineage
 * both read from here, so no flow is requested twice. Listed with the paged design-time lists
 * ({@link DatasphereClient#listDesignObjects}) and read one by one ({@link DatasphereClient#fetchCsn}): one list per
 * type plus one request per flow.
 *
 * @param definitions the flows read, in list order per type
 * @param unreadable  the flows that could not be read, named with the reason
 */
public record FlowDefinitions(List<Definition> definitions, List<String> unreadable) {
    public static final String REPLICATION_FLOWS = "replicationflows";
    public static final String DATA_FLOWS = "dataflows";
    public static final FlowDefinitions NONE = new FlowDefinitions(List.of(), List.of());

    /** One flow's raw definition ({@code {"<type>": {"<name>": {...}}}}). */
    public record Definition(String type, String name, byte[] json) {
    }

    public FlowDefinitions {
        definitions = List.copyOf(definitions);
        unreadable = List.copyOf(unreadable);
    }

    /**
     * Lists and reads the space's flows of {@code types}. A listing that fails fails the whole read (a 403 says the
     * space is unreadable); a flow that disappeared or answers something other than JSON between the list and the
     * read is named in {@link #unreadable}, a transient failure or a 403 on one flow fails the read.
     */
    public static FlowDefinitions read(DatasphereClient datasphere, String space, List<String> types) {
        List<Definition> definitions = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String type : types) {
            for (String flow : datasphere.listDesignObjects(space, type)) {
                try {
                    definitions.add(new Definition(type, flow, datasphere.fetchCsn(space, type, flow)));
                } catch (DatasphereException e) {
                    if (e.retryable() || e.kind() == DatasphereException.Kind.FORBIDDEN
                            || e.kind() == DatasphereException.Kind.UNAUTHORIZED) {
                        throw e;
                    }
                    unreadable.add("space " + space + ": " + type + " " + flow + ": " + e.getMessage());
                }
            }
        }
        return new FlowDefinitions(definitions, unreadable);
    }

    /** The definitions of one type. */
    public List<Definition> ofType(String type) {
        return definitions.stream().filter(d -> d.type().equals(type)).toList();
    }
}
