package io.dsgluesync.local.simulator;

/** An HTTP error answered with the OData V4 JSON error body {@code {"error":{"code":"<status>","message":...}}}. */
final class ODataError extends RuntimeException {

    private final int status;

    ODataError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ODataError notFound(String message) {
        return new ODataError(404, message);
    }

    static ODataError badRequest(String message) {
        return new ODataError(400, message);
    }
}
