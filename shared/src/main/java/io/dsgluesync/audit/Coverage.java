package io.dsgluesync.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run could not see or did not sync: spaces the OAuth client may not read (HTTP 403: its technical user is
 * not a member of the space; SAP's "Create OAuth2.0 Clients to Authenticate Against SAP Datasphere",
 * https://help.sap.com/docs/SAP_DATASPHERE/9f804b8efa8043539289f42f372c4862/3f92b46fe0314e8ba60720e409c219fc.html)
 * and design-time objects the catalog does not list (local and remote tables, views and models not exposed for
 * consumption). Bounded for the run summary (a DynamoDB item is at most 400 KB,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html): the counts are exact, the
 * names are the first {@link #MAX_NAMES_PER_SPACE} of a space and {@link #MAX_NAMES} of the run.
 *
 * @param unreadableCount every unreadable space, listed or not
 * @param unreadable      the first {@link #MAX_SPACES} of them, with the reason
 * @param unexposedCount  every unexposed object of every space
 * @param unexposed       per space (the first {@link #MAX_SPACES}), its count and its first names
 * @param unexposedSynced whether the unexposed objects were synced from their CSN (design-time enrichment on)
 * @param unreadableFlows flows whose definitions could not be read for lineage (the first {@link #MAX_SPACES}, each
 *                        named with the reason): the objects they load show no upstream from them. Unlike a
 *                        replication flow that binds a replica, they do not make the listing incomplete
 */
public record Coverage(int unreadableCount, List<UnreadableSpace> unreadable, int unexposedCount,
                       List<UnexposedObjects> unexposed, boolean unexposedSynced, List<String> unreadableFlows) {
    public static final int MAX_NAMES_PER_SPACE = 100;
    public static final int MAX_NAMES = 1_000;
    public static final int MAX_SPACES = 200;
    static final int MAX_REASON = 300;
    public static final Coverage NONE = new Coverage(0, List.of(), 0, List.of(), false, List.of());

    /** A space whose assets or design-time objects the OAuth client may not list. */
    public record UnreadableSpace(String space, String reason) {
    }

    /** A space's design-time objects the catalog does not list: how many, and the first names. */
    public record UnexposedObjects(String space, int count, List<String> names) {
        public UnexposedObjects {
            names = List.copyOf(names);
        }
    }

    public Coverage {
        unreadable = List.copyOf(unreadable);
        unexposed = List.copyOf(unexposed);
        unreadableFlows = unreadableFlows == null ? List.of() : List.copyOf(unreadableFlows);
    }

    public Coverage(int unreadableCount, List<UnreadableSpace> unreadable, int unexposedCount,
                    List<UnexposedObjects> unexposed, boolean unexposedSynced) {
        this(unreadableCount, unreadable, unexposedCount, unexposed, unexposedSynced, List.of());
    }

    /** The same coverage naming {@code flows} as unreadable for lineage (bounded, each reason cut). */
    public Coverage withUnreadableFlows(List<String> flows) {
        return new Coverage(unreadableCount, unreadable, unexposedCount, unexposed, unexposedSynced,
                flows.stream().limit(MAX_SPACES).map(Coverage::cut).toList());
    }

    /** The bounded coverage of one run, from every unreadable space and every space's unexposed names. */
    public static Coverage of(List<UnreadableSpace> unreadable, Map<String, List<String>> unexposedBySpace,
                              boolean unexposedSynced) {
        List<UnreadableSpace> listed = unreadable.stream().limit(MAX_SPACES)
                .map(u -> new UnreadableSpace(u.space(), cut(u.reason()))).toList();
        List<UnexposedObjects> objects = new ArrayList<>();
        int total = 0;
        int namesLeft = MAX_NAMES;
        for (Map.Entry<String, List<String>> e : unexposedBySpace.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            total += e.getValue().size();
            if (objects.size() < MAX_SPACES) {
                int take = Math.max(0, Math.min(Math.min(MAX_NAMES_PER_SPACE, namesLeft), e.getValue().size()));
                namesLeft -= take;
                objects.add(new UnexposedObjects(e.getKey(), e.getValue().size(), e.getValue().subList(0, take)));
            }
        }
        return new Coverage(unreadable.size(), listed, total, objects, unexposedSynced);
    }

    public boolean isEmpty() {
        return unreadableCount == 0 && unexposedCount == 0 && unreadableFlows.isEmpty();
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }
}
