package io.dsgluesync.local.simulator;

import io.dsgluesync.local.simulator.CsdlColumn.Role;
import io.dsgluesync.local.simulator.CsdlColumn.Semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Re-creates a generated asset's columns from its seed: 5–40 columns of varied Edm types, keys, measures. A wide
 * analytic model of a given column count ({@link #analyticModel}) is drawn the same way, with text-bearing dimensions
 * and always a hierarchy.
 */
final class GeneratedEntityFactory {

    private static final String[] KEY_STEMS = {"ID", "DOCUMENT_ID", "ITEM_NO", "CUSTOMER_ID", "ORDER_ID"};
    private static final String[] STRING_STEMS = {"REGION", "COUNTRY", "STATUS", "CATEGORY", "CHANNEL", "PLANT",
        "DESCRIPTION", "CITY", "SEGMENT", "PRIORITY", "OWNER", "TYPE_CODE", "GROUP_ID", "NOTE", "COST_CENTER"};
    private static final int[] STRING_LENGTHS = {1, 2, 3, 4, 5, 10, 10, 20, 40, 60, 80, 255, 1000};
    private static final String[] DECIMAL_STEMS = {"AMOUNT", "PRICE", "COST", "REVENUE", "MARGIN", "DISCOUNT",
        "NET_VALUE", "TAX"};
    private static final String[] QUANTITY_STEMS = {"QUANTITY", "WEIGHT", "VOLUME"};
    private static final String[] INT_STEMS = {"COUNT", "ITEMS", "YEAR_INT", "PERIOD", "SEQUENCE", "HEADCOUNT"};
    private static final String[] DATE_STEMS = {"CREATED_ON", "CHANGED_ON", "VALID_FROM", "VALID_TO", "POSTING_DATE"};
    private static final String[] FLAG_STEMS = {"IS_ACTIVE", "IS_DELETED", "IS_BLOCKED", "IS_ONLINE"};

    private final Random random;
    private final boolean analytical;
    private final Set<String> names = new HashSet<>();
    private final List<CsdlColumn> columns = new ArrayList<>();

    private final boolean sized;

    private GeneratedEntityFactory(AssetKind kind, long seed, boolean sized) {
        this.random = new Random(seed);
        this.analytical = kind.hasAnalytical();
        this.sized = sized;
    }

    static CsdlEntity create(String assetName, String label, AssetKind kind, long seed) {
        GeneratedEntityFactory factory = new GeneratedEntityFactory(kind, seed, false);
        return factory.build(assetName, label, kind, 5 + factory.random.nextInt(36));
    }

    /**
     * An analytic model of exactly {@code columnCount} columns: string, date and calendar dimensions (about one in
     * ten with a text column of its own, {@code Common.Text}), measures with their default aggregation, currency and
     * unit references, and a level hierarchy over its first string dimensions.
     */
    static CsdlEntity analyticModel(String assetName, String label, int columnCount, long seed) {
        if (columnCount < 4) {
            throw new IllegalArgumentException("an analytic model with a hierarchy needs at least 4 columns: "
                    + columnCount);
        }
        return new GeneratedEntityFactory(AssetKind.ANALYTIC_MODEL, seed, true)
                .build(assetName, label, AssetKind.ANALYTIC_MODEL, columnCount);
    }

    /** An entity of exactly {@code columnCount} columns (a wide asset for memory measurements). */
    static CsdlEntity create(String assetName, String label, AssetKind kind, long seed, int columnCount) {
        if (columnCount < 5) {
            throw new IllegalArgumentException("a generated entity has at least 5 columns: " + columnCount);
        }
        GeneratedEntityFactory factory = new GeneratedEntityFactory(kind, seed, false);
        factory.random.nextInt(36); // drawn either way, so that every seed's other choices stay as they were
        return factory.build(assetName, label, kind, columnCount);
    }

    private CsdlEntity build(String assetName, String label, AssetKind kind, int count) {
        boolean dimensionView = kind == AssetKind.VIEW && random.nextInt(3) == 0;
        int keys = kind == AssetKind.ANALYTIC_MODEL || random.nextInt(10) == 0 ? 0 : 1 + (random.nextInt(4) == 0 ? 1 : 0);
        for (int k = 0; k < keys; k++) {
            addKey(count);
        }
        if (sized) {
            // The hierarchy's levels: the first string dimensions, so that every size has one.
            for (int level = 0; level < 3 && columns.size() < count; level++) {
                add(column(unique(STRING_STEMS[level]), "Edm.String", Role.DIMENSION, label(STRING_STEMS[level]))
                        .withMaxLength(40));
            }
        }
        String currency = count - columns.size() >= 4 && (sized || random.nextBoolean())
                ? add(column("CURRENCY", "Edm.String", Role.DIMENSION, "Currency").withMaxLength(5)
                        .withSemantic(Semantic.CURRENCY_CODE, null)) : null;
        String unit = count - columns.size() >= 4 && (sized || random.nextInt(3) == 0)
                ? add(column("UNIT", "Edm.String", Role.DIMENSION, "Unit of measure").withMaxLength(3)
                        .withSemantic(Semantic.UNIT_CODE, null)) : null;
        if (analytical) {
            add(amount(currency));
        }
        while (columns.size() < count) {
            if (sized && count - columns.size() >= 2 && random.nextInt(10) == 0) {
                addTextDimension();
            } else {
                add(randomColumn(currency, unit));
            }
        }
        List<CsdlColumn> ordered = new ArrayList<>(columns);
        // Dimensions before measures: a stable order of our own (captured analytical documents keep none).
        ordered.sort(Comparator.comparing(c -> c.role() == Role.MEASURE));
        return new CsdlEntity(assetName, label, ordered, hierarchies(kind, dimensionView), dimensionView);
    }

    private void addKey(int count) {
        String name = unique(KEY_STEMS[random.nextInt(KEY_STEMS.length)]);
        boolean numeric = random.nextInt(3) == 0;
        CsdlColumn key = column(name, numeric ? "Edm.Int32" : "Edm.String", Role.KEY, label(name));
        if (!numeric) {
            key = key.withMaxLength(10);
            if (count - columns.size() > 3 && random.nextInt(4) == 0) {
                String text = unique(name + "_TEXT");
                add(key.withSemantic(Semantic.TEXT, text));
                add(column(text, "Edm.String", Role.ATTRIBUTE, label(text)).withMaxLength(60));
                return;
            }
        }
        add(key);
    }

    /** A coded dimension and its language-dependent text, as analytic models show customer or product names. */
    private void addTextDimension() {
        String name = unique(KEY_STEMS[1 + random.nextInt(KEY_STEMS.length - 1)]);
        String text = unique(name + "_TEXT");
        add(column(name, "Edm.String", Role.DIMENSION, label(name)).withMaxLength(10)
                .withSemantic(Semantic.TEXT, text));
        add(column(text, "Edm.String", Role.ATTRIBUTE, label(text)).withMaxLength(60));
    }

    private CsdlColumn randomColumn(String currency, String unit) {
        int roll = random.nextInt(100);
        if (roll < 36) {
            String name = unique(STRING_STEMS[random.nextInt(STRING_STEMS.length)]);
            CsdlColumn c = column(name, "Edm.String", Role.DIMENSION, label(name))
                    .withMaxLength(STRING_LENGTHS[random.nextInt(STRING_LENGTHS.length)]);
            return random.nextInt(10) == 0 ? c.notNull() : c;
        }
        if (roll < 50) {
            return amount(currency);
        }
        if (roll < 56) {
            String name = unique(QUANTITY_STEMS[random.nextInt(QUANTITY_STEMS.length)]);
            CsdlColumn c = measureOrAttribute(name, "Edm.Decimal", "sum").withDecimal(13, 3);
            return unit == null ? c : c.withSemantic(Semantic.QUANTITY, unit);
        }
        if (roll < 66) {
            String name = unique(DATE_STEMS[random.nextInt(DATE_STEMS.length)]);
            CsdlColumn c = column(name, "Edm.Date", Role.DIMENSION, label(name));
            return random.nextBoolean() ? c.withSemantic(Semantic.CALENDAR_DATE, null) : c;
        }
        if (roll < 72) {
            String name = unique(random.nextBoolean() ? "CHANGED_AT" : "CREATED_AT");
            return column(name, "Edm.DateTimeOffset", Role.ATTRIBUTE, label(name))
                    .withDecimal(random.nextInt(4) == 0 ? 0 : 7, null);
        }
        if (roll < 76) {
            boolean year = random.nextBoolean();
            String name = unique(year ? "CALYEAR" : "CALMONTH");
            return column(name, "Edm.String", Role.DIMENSION, year ? "Calendar Year" : "Calendar Month")
                    .withMaxLength(year ? 4 : 6)
                    .withSemantic(year ? Semantic.CALENDAR_YEAR : Semantic.CALENDAR_YEAR_MONTH, null);
        }
        if (roll < 84) {
            return measureOrAttribute(unique(INT_STEMS[random.nextInt(INT_STEMS.length)]), "Edm.Int32", "sum");
        }
        if (roll < 90) {
            return measureOrAttribute(unique(INT_STEMS[random.nextInt(INT_STEMS.length)] + "_64"), "Edm.Int64", "sum");
        }
        if (roll < 95) {
            return measureOrAttribute(unique(random.nextBoolean() ? "RATIO" : "SCORE"), "Edm.Double", "average");
        }
        String name = unique(FLAG_STEMS[random.nextInt(FLAG_STEMS.length)]);
        return column(name, "Edm.Boolean", Role.DIMENSION, label(name));
    }

    private CsdlColumn amount(String currency) {
        String name = unique(DECIMAL_STEMS[random.nextInt(DECIMAL_STEMS.length)]);
        int[][] facets = {{15, 2}, {15, 2}, {17, 3}, {10, 2}, {23, 2}, {31, 7}, {8, 0}};
        int[] chosen = facets[random.nextInt(facets.length)];
        int aggregationRoll = random.nextInt(10);
        String aggregation = aggregationRoll == 0 ? "max" : aggregationRoll == 1 ? "min" : "sum";
        CsdlColumn c = measureOrAttribute(name, "Edm.Decimal", aggregation).withDecimal(chosen[0], chosen[1]);
        return currency != null && chosen[1] == 2 ? c.withSemantic(Semantic.AMOUNT, currency) : c;
    }

    private CsdlColumn measureOrAttribute(String name, String type, String aggregation) {
        if (analytical) {
            return column(name, type, Role.MEASURE, label(name)).withAggregation(aggregation);
        }
        return column(name, type, Role.ATTRIBUTE, label(name));
    }

    /** Analytic models often carry a level hierarchy over their string dimensions; some dimension views too. */
    private List<CsdlEntity.Hierarchy> hierarchies(AssetKind kind, boolean dimensionView) {
        boolean eligible = kind == AssetKind.ANALYTIC_MODEL || dimensionView;
        List<String> levels = columns.stream()
                .filter(c -> c.edmType().equals("Edm.String") && c.role() != Role.MEASURE && c.role() != Role.ATTRIBUTE)
                .map(CsdlColumn::name).limit(3).toList();
        if (!eligible || levels.size() < 2 || (!sized && random.nextInt(3) != 0)) {
            return List.of();
        }
        return List.of(new CsdlEntity.Hierarchy("H_" + levels.get(0), GeneratedTenant.titleCase(levels.get(0))
                + " hierarchy", levels));
    }

    /** About one column in seven carries no label, like real views. */
    private String label(String name) {
        return random.nextInt(7) == 0 ? null : GeneratedTenant.titleCase(name);
    }

    private String unique(String stem) {
        String name = stem;
        for (int n = 2; names.contains(name); n++) {
            name = stem + "_" + n;
        }
        return name;
    }

    private static CsdlColumn column(String name, String type, Role role, String label) {
        return CsdlColumn.of(name, type, role, label);
    }

    private String add(CsdlColumn column) {
        names.add(column.name());
        columns.add(column);
        return column.name();
    }
}
