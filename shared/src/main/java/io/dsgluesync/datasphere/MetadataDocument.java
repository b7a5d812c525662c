package io.dsgluesync.datasphere;

/** A CSDL {@code $metadata} body and its entity tag, or {@link #notModified()} after a matching If-None-Match. */
public record MetadataDocument(byte[] body, String etag, boolean notModified) {
    public static MetadataDocument unchanged(String etag) {
        return new MetadataDocument(new byte[0], etag, true);
    }
}
