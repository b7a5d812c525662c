package io.dsgluesync.local.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The spaces and exposed assets one simulated tenant serves, in catalog order, plus design-time objects the catalog
 * does not list (local and remote tables, replication and data flows). Immutable.
 */
public final class Tenant {

    private final List<SimSpace> spaces;
    private final Map<String, SimSpace> spacesByName = new LinkedHashMap<>();
    private final Map<String, Map<String, SimAsset>> assetsBySpace = new LinkedHashMap<>();
    private final Map<String, List<SimAsset>> assetListsBySpace = new LinkedHashMap<>();
    private final List<SimAsset> allAssets;
    private final Map<String, List<DesignObject>> unlistedBySpace = new LinkedHashMap<>();

    private Tenant(List<SimSpace> spaces, List<SimAsset> assets, List<DesignObject> unlisted) {
        this.spaces = List.copyOf(spaces);
        for (SimSpace space : this.spaces) {
            if (spacesByName.put(space.name(), space) != null) {
                throw new IllegalArgumentException("duplicate space " + space.name());
            }
            assetsBySpace.put(space.name(), new LinkedHashMap<>());
        }
        for (SimAsset asset : assets) {
            Map<String, SimAsset> inSpace = assetsBySpace.get(asset.spaceName());
            if (inSpace == null) {
                throw new IllegalArgumentException("asset " + asset.name() + " names unknown space " + asset.spaceName());
            }
            if (inSpace.put(asset.name(), asset) != null) {
                throw new IllegalArgumentException("duplicate asset " + asset.spaceName() + "/" + asset.name());
            }
        }
        List<SimAsset> all = new ArrayList<>(assets.size());
        assetsBySpace.forEach((space, byName) -> {
            List<SimAsset> list = List.copyOf(byName.values());
            assetListsBySpace.put(space, list);
            all.addAll(list);
        });
        this.allAssets = Collections.unmodifiableList(all);
        for (DesignObject object : unlisted) {
            if (!spacesByName.containsKey(object.spaceName())) {
                throw new IllegalArgumentException("design object " + object.name() + " names unknown space "
                        + object.spaceName());
            }
            if (designObject(object.spaceName(), object.type(), object.name()).isPresent()) {
                throw new IllegalArgumentException("duplicate design object " + object.spaceName() + "/"
                        + object.type().segment() + "/" + object.name());
            }
            unlistedBySpace.computeIfAbsent(object.spaceName(), s -> new ArrayList<>()).add(object);
        }
    }

    /** A tenant made of the given spaces and assets; every asset must name one of the spaces. */
    public static Tenant of(List<SimSpace> spaces, List<SimAsset> assets) {
        return new Tenant(Objects.requireNonNull(spaces), Objects.requireNonNull(assets), List.of());
    }

    /** Like {@link #of(List, List)}, plus design-time objects that are not catalog assets. */
    public static Tenant of(List<SimSpace> spaces, List<SimAsset> assets, List<DesignObject> unlistedObjects) {
        return new Tenant(Objects.requireNonNull(spaces), Objects.requireNonNull(assets),
                Objects.requireNonNull(unlistedObjects));
    }

    /**
     * The hand-written tenant of {@code /tenant/sample/}: two spaces, seven assets, and design objects the catalog
     * does not list, four of them replication flows and one a data flow (see its catalog.json).
     */
    public static Tenant sample() {
        return SampleTenantLoader.load();
    }

    /**
     * A deterministic synthetic tenant: the same arguments always give the same names, labels, kinds, CSDL and
     * replication flows. Documents are rendered on request, so large tenants stay cheap.
     */
    public static Tenant generated(int spaces, int assets, long seed) {
        return GeneratedTenant.build(spaces, assets, seed);
    }

    /** One space of {@code assets} analytical datasets of exactly {@code columns} columns each, from the seed. */
    public static Tenant wide(int assets, int columns, long seed) {
        return GeneratedTenant.wide(assets, columns, seed);
    }

    public List<SimSpace> spaces() {
        return spaces;
    }

    /** Assets of one space in catalog order; empty for an unknown space. */
    public List<SimAsset> assets(String space) {
        return assetListsBySpace.getOrDefault(space, List.of());
    }

    /** Assets of all spaces, space by space. */
    public List<SimAsset> allAssets() {
        return allAssets;
    }

    public Optional<SimSpace> space(String name) {
        return Optional.ofNullable(spacesByName.get(name));
    }

    public Optional<SimAsset> asset(String space, String name) {
        Map<String, SimAsset> inSpace = assetsBySpace.get(space);
        return inSpace == null ? Optional.empty() : Optional.ofNullable(inSpace.get(name));
    }

    /**
     * Technical names the design-time list {@code /dwaas-core/api/v1/spaces/<space>/<type>} returns: matching
     * catalog assets and unlisted objects, sorted by name so that pages of the list never overlap. Empty for an
     * unknown space. Built on each call, so a large generated tenant holds no extra lists.
     */
    public List<String> designObjects(String space, DesignObjectType type) {
        List<String> names = new ArrayList<>();
        for (SimAsset asset : assets(space)) {
            if (asset.designType() == type) {
                names.add(asset.name());
            }
        }
        for (DesignObject object : unlistedBySpace.getOrDefault(space, List.of())) {
            if (object.type() == type) {
                names.add(object.name());
            }
        }
        Collections.sort(names);
        return names;
    }

    /** One design-time object: a catalog asset of that type, or an unlisted object. */
    public Optional<DesignObject> designObject(String space, DesignObjectType type, String name) {
        Optional<SimAsset> asset = asset(space, name).filter(a -> a.designType() == type);
        if (asset.isPresent()) {
            SimAsset found = asset.get();
            return Optional.of(new DesignObject(space, type, name, found::csn));
        }
        return unlistedBySpace.getOrDefault(space, List.of()).stream()
                .filter(o -> o.type() == type && o.name().equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return "Tenant[" + spaces.size() + " spaces, " + allAssets.size() + " assets]";
    }
}
