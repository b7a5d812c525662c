package io.dsgluesync.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/**
 * Resolves the names a definition uses for other objects. A dotted name {@code A.B} is space {@code A}'s object
 * {@code B} only when space {@code A} exists; SAP's own content uses dots inside same-space names
 * ({@code SAP.TIME.M_TIME_DIMENSION}, "Time Data" in https://help.sap.com/docs/SAP_DATASPHERE).
 */
final class ObjectNames {
    private final String space;
    private final Predicate<String> spaceExists;

    ObjectNames(String space, Predicate<String> spaceExists) {
        this.space = space;
        this.spaceExists = spaceExists == null ? s -> false : spaceExists;
    }

    String space() {
        return space;
    }

    /** The object a name refers to, as a source reached {@code via}. */
    Upstream resolve(String name, String via) {
        int dot = name.indexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            String prefix = name.substring(0, dot);
            if (spaceExists.test(prefix)) {
                return Upstream.object(prefix, name.substring(dot + 1), via);
            }
        }
        return Upstream.object(space, name, via);
    }

    /**
     * One step of a CSN {@code ref} path: a plain string, or {@code {"id": NAME, "args"/"where": …}} for a step with
     * parameters or a filter (https://cap.cloud.sap/docs/cds/cxn#references); null for anything else.
     */
    static String step(JsonNode step) {
        if (step == null) {
            return null;
        }
        if (step.isTextual()) {
            return step.asText();
        }
        JsonNode id = step.get("id");
        return id != null && id.isTextual() ? id.asText() : null;
    }

    /** The default alias of a source: the last dotted segment of its name (CDS's implicit alias). */
    static String implicitAlias(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
