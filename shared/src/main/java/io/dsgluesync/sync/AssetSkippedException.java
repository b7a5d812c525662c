package io.dsgluesync.sync;

/**
 * An asset the sync deliberately leaves alone, e.g. a replicated object whose flow carries no columns: recorded as
 * {@code skipped} with the reason, never as a failure.
 */
final class AssetSkippedException extends RuntimeException {
    AssetSkippedException(String message) {
        super(message);
    }
}
