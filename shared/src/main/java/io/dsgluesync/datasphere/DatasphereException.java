package io.dsgluesync.datasphere;

import java.time.Duration;

/** Every failure talking to Datasphere, translated once at the HTTP boundary into a small vocabulary. */
public class DatasphereException extends RuntimeException {
    public enum Kind {
        /** 401 after a token refresh, or the token endpoint refused the client: no request can succeed. */
        UNAUTHORIZED(false),
        /**
         * 403 with a token the tenant accepted: the client may not read this object or space (its technical user is
         * not a member of the space), which says nothing of the other objects.
         */
        FORBIDDEN(false),
        NOT_FOUND(false),
        /** 429 that outlasted the retries. */
        THROTTLED(true),
        /** 5xx, timeouts and connection failures that outlasted the retries. */
        UNAVAILABLE(true),
        /** A body we cannot use: HTML instead of JSON, malformed JSON or XML, over the size limit. */
        BAD_RESPONSE(false),
        /** A request we refuse to send: a URL on another origin than the tenant's (a metadata URL, a next link). */
        REFUSED(false),
        NOT_MODIFIED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public DatasphereException(Kind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public DatasphereException(Kind kind, String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean retryable() {
        return kind.retryable;
    }
}
