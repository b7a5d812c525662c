package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the sample tenant from the classpath: {@code /tenant/sample/catalog.json} lists spaces and assets, and
 * each metadata document lives in {@code /tenant/sample/<SPACE>/<ASSET>.<relational|analytical>.xml}. Every
 * catalog asset and every entry of a space's {@code designObjects} (objects the catalog does not list) has its CSN
 * in {@code /tenant/sample/csn/<SPACE>/<NAME>.json}; for a replication or data flow that file holds the flow definition.
 */
final class SampleTenantLoader {

    static final String ROOT = "/tenant/sample/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile Tenant cached;

    private SampleTenantLoader() {
    }

    static Tenant load() {
        Tenant tenant = cached;
        if (tenant == null) {
            synchronized (SampleTenantLoader.class) {
                tenant = cached;
                if (tenant == null) {
                    tenant = read();
                    cached = tenant;
                }
            }
        }
        return tenant;
    }

    private static Tenant read() {
        JsonNode catalog;
        try {
            catalog = JSON.readTree(resource(ROOT + "catalog.json")).path("spaces");
        } catch (IOException e) {
            throw new UncheckedIOException("sample catalog.json is not valid JSON", e);
        }
        List<SimSpace> spaces = new ArrayList<>();
        List<SimAsset> assets = new ArrayList<>();
        List<DesignObject> unlisted = new ArrayList<>();
        for (JsonNode space : catalog) {
            String spaceName = space.path("name").asText();
            spaces.add(new SimSpace(spaceName, space.path("label").asText(spaceName)));
            for (JsonNode asset : space.path("assets")) {
                String name = asset.path("name").asText();
                AssetKind kind = AssetKind.valueOf(asset.path("kind").asText());
                String base = ROOT + spaceName + "/" + name;
                assets.add(SimAsset.of(name, asset.path("label").asText(name), spaceName, kind,
                        ApiPrefix.valueOf(asset.path("urlPrefix").asText("DATASPHERE")),
                        kind.hasRelational() ? resource(base + ".relational.xml") : null,
                        kind.hasAnalytical() ? resource(base + ".analytical.xml") : null,
                        asset.path("hasParameters").asBoolean(false), csn(spaceName, name)));
            }
            for (JsonNode object : space.path("designObjects")) {
                String name = object.path("name").asText();
                String segment = object.path("type").asText();
                DesignObjectType type = DesignObjectType.ofSegment(segment).orElseThrow(
                        () -> new IllegalStateException("sample design object " + name + " has unknown type " + segment));
                unlisted.add(DesignObject.of(spaceName, type, name, csn(spaceName, name)));
            }
        }
        return Tenant.of(spaces, assets, unlisted);
    }

    private static String csn(String space, String name) {
        return resource(ROOT + "csn/" + space + "/" + name + ".json");
    }

    private static String resource(String path) {
        try (InputStream in = SampleTenantLoader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("sample tenant resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
