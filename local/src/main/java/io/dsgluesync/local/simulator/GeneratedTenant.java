package io.dsgluesync.local.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Builds {@link Tenant#generated} tenants. Everything follows from the seed: space and asset names, kinds
 * (about 70% views, 20% analytic models, 10% analytical datasets), URL prefixes, and a per-asset seed from which
 * {@link GeneratedEntityFactory} re-creates the columns each time a CSDL or CSN document is requested. Each space
 * also gets the replication flows of {@link GeneratedReplicationFlows}.
 */
final class GeneratedTenant {

    static final String[] TOPICS = {"SALES", "FINANCE", "HR", "LOGISTICS", "PROCUREMENT", "MARKETING", "SERVICE",
        "PRODUCTION", "RETAIL", "ENERGY"};
    private static final String[] SUBJECTS = {"Orders", "Invoices", "Customers", "Deliveries", "Products",
        "Employees", "Payments", "Contracts", "Shipments", "Suppliers", "Plants", "Campaigns", "Tickets", "Budgets"};

    private GeneratedTenant() {
    }

    static Tenant build(int spaceCount, int assetCount, long seed) {
        if (spaceCount < 1) {
            throw new IllegalArgumentException("a generated tenant needs at least one space: " + spaceCount);
        }
        if (assetCount < 0) {
            throw new IllegalArgumentException("asset count must be >= 0: " + assetCount);
        }
        Random random = new Random(seed);
        List<SimSpace> spaces = new ArrayList<>(spaceCount);
        for (int i = 1; i <= spaceCount; i++) {
            String topic = TOPICS[random.nextInt(TOPICS.length)];
            spaces.add(new SimSpace(String.format(Locale.ROOT, "GEN_SPACE_%03d", i),
                    "Generated Space " + i + " (" + titleCase(topic) + ")"));
        }
        List<SimAsset> assets = new ArrayList<>(assetCount);
        Map<String, List<String>> namesBySpace = new HashMap<>();
        for (int j = 1; j <= assetCount; j++) {
            SimSpace space = spaces.get(random.nextInt(spaceCount));
            SimAsset asset = asset(j, space.name(), random);
            assets.add(asset);
            namesBySpace.computeIfAbsent(space.name(), s -> new ArrayList<>()).add(asset.name());
        }
        // Drawn after the assets, so that adding flows left the assets of every seed as they were.
        List<DesignObject> flows = new ArrayList<>();
        for (SimSpace space : spaces) {
            flows.addAll(GeneratedReplicationFlows.forSpace(space, namesBySpace.getOrDefault(space.name(), List.of()),
                    random.nextLong()));
        }
        return Tenant.of(spaces, assets, flows);
    }

    /**
     * One space of {@code assetCount} analytical datasets (relational and analytical {@code $metadata}) of exactly
     * {@code columnCount} columns each: the widest assets a worker batch may meet, for memory measurements.
     */
    static Tenant wide(int assetCount, int columnCount, long seed) {
        Random random = new Random(seed);
        SimSpace space = new SimSpace("WIDE_SPACE", "Wide assets");
        List<SimAsset> assets = new ArrayList<>(assetCount);
        for (int j = 1; j <= assetCount; j++) {
            String name = String.format(Locale.ROOT, "WIDE_AD_%05d", j);
            String label = "Wide analytical dataset " + j + " (" + columnCount + " columns)";
            long assetSeed = random.nextLong();
            Supplier<CsdlEntity> entity = () -> GeneratedEntityFactory.create(name, label,
                    AssetKind.ANALYTICAL_DATASET, assetSeed, columnCount);
            assets.add(new SimAsset(name, label, space.name(), AssetKind.ANALYTICAL_DATASET, ApiPrefix.DATASPHERE,
                    () -> CsdlWriter.write(entity.get(), CsdlWriter.Flavor.RELATIONAL),
                    () -> CsdlWriter.write(entity.get(), CsdlWriter.Flavor.ANALYTICAL),
                    false, () -> CsnWriter.write(entity.get(), AssetKind.ANALYTICAL_DATASET)));
        }
        return Tenant.of(List.of(space), assets);
    }

    private static SimAsset asset(int number, String space, Random random) {
        int roll = random.nextInt(100);
        AssetKind kind = roll < 70 ? AssetKind.VIEW : roll < 90 ? AssetKind.ANALYTIC_MODEL : AssetKind.ANALYTICAL_DATASET;
        String topic = TOPICS[random.nextInt(TOPICS.length)];
        String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
        boolean dotted = kind == AssetKind.VIEW && random.nextInt(20) == 0;
        String name = switch (kind) {
            case VIEW -> dotted ? String.format(Locale.ROOT, "GEN.%s.VIEW_%05d", topic, number)
                    : String.format(Locale.ROOT, "GEN_%s_V_%05d", topic, number);
            case ANALYTIC_MODEL -> String.format(Locale.ROOT, "GEN_%s_AM_%05d", topic, number);
            case ANALYTICAL_DATASET -> String.format(Locale.ROOT, "GEN_%s_AD_%05d", topic, number);
        };
        String label = titleCase(topic) + " " + subject + " " + number
                + (kind == AssetKind.ANALYTIC_MODEL ? " (Analytic Model)" : "");
        ApiPrefix prefix = random.nextInt(3) == 0 ? ApiPrefix.DWC : ApiPrefix.DATASPHERE;
        boolean hasParameters = random.nextInt(20) == 0;
        long assetSeed = random.nextLong();
        Supplier<CsdlEntity> entity = () -> GeneratedEntityFactory.create(name, label, kind, assetSeed);
        return new SimAsset(name, label, space, kind, prefix,
                kind.hasRelational() ? () -> CsdlWriter.write(entity.get(), CsdlWriter.Flavor.RELATIONAL) : null,
                kind.hasAnalytical() ? () -> CsdlWriter.write(entity.get(), CsdlWriter.Flavor.ANALYTICAL) : null,
                hasParameters, () -> CsnWriter.write(entity.get(), kind));
    }

    static String titleCase(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String word : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
