package io.dsgluesync.csdl;

import java.util.Locale;

/**
 * Annotation terms are compared case-insensitively on "vocabulary.term", whether written with an alias
 * ({@code Common.Label}) or a full namespace ({@code com.sap.vocabularies.Common.v1.Label}): Datasphere's relational
 * documents write {@code Analytics.dimension} (see the fixture {@code SAP.TIME.VIEW_DIMENSION_DAY.relational.xml})
 * where SAP's vocabulary spells {@code Analytics.Dimension}
 * (https://sap.github.io/odata-vocabularies/vocabularies/Analytics.html).
 */
final class Terms {
    static final String LABEL = "common.label";
    static final String DIMENSION = "analytics.dimension";
    static final String MEASURE = "analytics.measure";
    static final String DIMENSION_TYPE = "analytics.dimensiontype";
    static final String AGGREGATION = "aggregation.default";
    static final String ISO_CURRENCY = "measures.isocurrency";
    static final String UNIT = "measures.unit";
    static final String TEXT = "common.text";
    static final String ORIGINAL_NAME = "dataintegration.originalname";
    static final String LEVELED = "hierarchy.leveled";
    static final String RECURSIVE = "hierarchy.recursivehierarchy";
    static final String CALENDAR_PREFIX = "common.iscalendar";
    static final String DAY_OF_YEAR = "common.isdayofcalendaryear";

    private Terms() {
    }

    static String normalise(String term) {
        String[] parts = term.split("\\.");
        String name = parts[parts.length - 1];
        String vocabulary = "";
        for (int i = parts.length - 2; i >= 0; i--) {
            if (!isVersion(parts[i])) {
                vocabulary = parts[i];
                break;
            }
        }
        return (vocabulary + "." + name).toLowerCase(Locale.ROOT);
    }

    /** {@code v1}, {@code V2}: the version segment of a vocabulary's namespace ({@code com.sap.vocabularies.Common.v1}). */
    private static boolean isVersion(String part) {
        if (part.length() < 2 || (part.charAt(0) != 'v' && part.charAt(0) != 'V')) {
            return false;
        }
        for (int i = 1; i < part.length(); i++) {
            if (part.charAt(i) < '0' || part.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
