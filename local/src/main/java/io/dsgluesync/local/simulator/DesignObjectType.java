package io.dsgluesync.local.simulator;

import java.util.Optional;

/**
 * Object types of the design-time API behind {@code datasphere objects ...} (reference §4.2), by the path segment
 * of {@code /dwaas-core/api/v1/spaces/<SPACE>/<segment>}.
 */
public enum DesignObjectType {
    VIEWS("views"),
    ANALYTIC_MODELS("analyticmodels"),
    LOCAL_TABLES("localtables"),
    REMOTE_TABLES("remotetables");

    private final String segment;

    DesignObjectType(String segment) {
        this.segment = segment;
    }

    /** The path segment, e.g. {@code analyticmodels}. */
    public String segment() {
        return segment;
    }

    public static Optional<DesignObjectType> ofSegment(String segment) {
        for (DesignObjectType type : values()) {
            if (type.segment.equals(segment)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
