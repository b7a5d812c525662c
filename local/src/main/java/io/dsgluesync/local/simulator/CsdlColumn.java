package io.dsgluesync.local.simulator;

import java.util.Objects;

/**
 * One property of a generated entity type, before it is rendered as relational or analytical CSDL.
 *
 * @param name        property name
 * @param edmType     e.g. {@code Edm.String}
 * @param maxLength   {@code MaxLength} facet or null
 * @param precision   {@code Precision} facet or null
 * @param scale       {@code Scale} facet or null
 * @param nullable    false renders {@code Nullable="false"} (always so on keys)
 * @param role        how the column is used
 * @param label       {@code Common.Label}, or null for an unlabelled column
 * @param semantic    extra semantics annotation
 * @param reference   path for {@link Semantic#AMOUNT}, {@link Semantic#QUANTITY} and {@link Semantic#TEXT}
 * @param aggregation default aggregation of a measure ({@code sum}, {@code max}, ...), else null
 */
record CsdlColumn(String name, String edmType, Integer maxLength, Integer precision, Integer scale,
                  boolean nullable, Role role, String label, Semantic semantic, String reference,
                  String aggregation) {

    enum Role { KEY, DIMENSION, ATTRIBUTE, MEASURE }

    enum Semantic {
        NONE(null), CURRENCY_CODE("Common.IsCurrency"), UNIT_CODE("Common.IsUnit"),
        AMOUNT("Measures.ISOCurrency"), QUANTITY("Measures.Unit"), TEXT("Common.Text"),
        CALENDAR_DATE("Common.IsCalendarDate"), CALENDAR_YEAR("Common.IsCalendarYear"),
        CALENDAR_YEAR_MONTH("Common.IsCalendarYearMonth");

        private final String term;

        Semantic(String term) {
            this.term = term;
        }

        String term() {
            return term;
        }

        boolean usesPath() {
            return this == AMOUNT || this == QUANTITY || this == TEXT;
        }
    }

    CsdlColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(edmType, "edmType");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(semantic, "semantic");
        if (semantic.usesPath() != (reference != null)) {
            throw new IllegalArgumentException(name + ": " + semantic + " and reference " + reference + " disagree");
        }
    }

    /** A plain column: no facets, nullable, no semantics. */
    static CsdlColumn of(String name, String edmType, Role role, String label) {
        return new CsdlColumn(name, edmType, null, null, null, role != Role.KEY, role, label, Semantic.NONE, null,
                null);
    }

    CsdlColumn withMaxLength(int length) {
        return new CsdlColumn(name, edmType, length, precision, scale, nullable, role, label, semantic, reference,
                aggregation);
    }

    CsdlColumn withDecimal(int newPrecision, Integer newScale) {
        return new CsdlColumn(name, edmType, maxLength, newPrecision, newScale, nullable, role, label, semantic,
                reference, aggregation);
    }

    CsdlColumn withSemantic(Semantic newSemantic, String newReference) {
        return new CsdlColumn(name, edmType, maxLength, precision, scale, nullable, role, label, newSemantic,
                newReference, aggregation);
    }

    CsdlColumn withAggregation(String newAggregation) {
        return new CsdlColumn(name, edmType, maxLength, precision, scale, nullable, role, label, semantic,
                reference, newAggregation);
    }

    CsdlColumn notNull() {
        return new CsdlColumn(name, edmType, maxLength, precision, scale, false, role, label, semantic, reference,
                aggregation);
    }
}
