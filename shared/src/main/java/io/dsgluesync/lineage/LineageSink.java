package io.dsgluesync.lineage;

import java.util.Optional;

/**
 * Where the sync reports a table it created or updated, with that table's lineage (e.g. as an OpenLineage event).
 *
 * <p>Reporting is a side channel: an implementation never throws into the sync and never fails an asset. What went
 * wrong is returned as a short problem the caller adds to the asset's audit record notes.
 */
@FunctionalInterface
public interface LineageSink {
    /** Reports nothing. */
    LineageSink NONE = table -> Optional.empty();

    /**
     * Reports one synced table.
     *
     * @return empty when reported (or nothing was to be reported), else a one-line problem for the audit notes
     */
    Optional<String> synced(SyncedTable table);
}
