package io.dsgluesync.rules;

import io.dsgluesync.model.AssetKind;

/**
 * Which assets a rule applies to; every part that is set must match.
 *
 * @param certification matches the certification the business context assigns (for priority rules)
 */
public record AssetMatch(Glob space, Glob asset, AssetKind kind, String certification) {
    public static final AssetMatch ANY = new AssetMatch(null, null, null, null);

    public boolean matches(String spaceName, String assetName, AssetKind assetKind, String assetCertification) {
        return (space == null || space.matches(spaceName))
                && (asset == null || asset.matches(assetName))
                && (kind == null || kind == assetKind)
                && (certification == null || certification.equalsIgnoreCase(assetCertification));
    }
}
