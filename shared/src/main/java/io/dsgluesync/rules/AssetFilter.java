package io.dsgluesync.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which spaces and assets to sync: comma-separated glob lists from configuration. An empty include list includes
 * everything; excludes win. Asset patterns with a {@code /} match {@code SPACE/ASSET}, others the asset name.
 */
public record AssetFilter(List<Glob> includeSpaces, List<Glob> excludeSpaces, List<Glob> includeAssets,
                          List<Glob> excludeAssets) {
    public static final AssetFilter ALL = new AssetFilter(List.of(), List.of(), List.of(), List.of());

    public static AssetFilter fromEnvironment(Map<String, String> env) {
        return new AssetFilter(globs(env.get("DATASPHERE_INCLUDE_SPACES")), globs(env.get("DATASPHERE_EXCLUDE_SPACES")),
                globs(env.get("DATASPHERE_INCLUDE_ASSETS")), globs(env.get("DATASPHERE_EXCLUDE_ASSETS")));
    }

    public boolean includesSpace(String space) {
        return (includeSpaces.isEmpty() || includeSpaces.stream().anyMatch(g -> g.matches(space)))
                && excludeSpaces.stream().noneMatch(g -> g.matches(space));
    }

    public boolean includesAsset(String space, String asset) {
        return includesSpace(space)
                && (includeAssets.isEmpty() || includeAssets.stream().anyMatch(g -> matches(g, space, asset)))
                && excludeAssets.stream().noneMatch(g -> matches(g, space, asset));
    }

    private static boolean matches(Glob glob, String space, String asset) {
        return glob.text().contains("/") ? glob.matches(space + "/" + asset) : glob.matches(asset);
    }

    private static List<Glob> globs(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Glob::of).toList();
    }
}
