package io.dsgluesync.glue;

/** Every Glue failure, translated once at the boundary ({@link GlueCatalog}) into a small vocabulary. */
public class CatalogException extends RuntimeException {
    public enum Kind {
        NOT_FOUND, ALREADY_EXISTS,
        /** Stale VersionId or a concurrent writer: re-read and retry. */
        CONFLICT,
        THROTTLED,
        /** ValidationException, InvalidInputException: our input was wrong; never retried. */
        REJECTED,
        ACCESS_DENIED,
        /** ResourceNumberLimitExceededException: a quota, never retried. */
        LIMIT_EXCEEDED,
        UNAVAILABLE
    }

    private final Kind kind;
    private final String operation;

    public CatalogException(Kind kind, String operation, String message, Throwable cause) {
        super(operation + ": " + message, cause);
        this.kind = kind;
        this.operation = operation;
    }

    public Kind kind() {
        return kind;
    }

    public String operation() {
        return operation;
    }

    public boolean retryable() {
        return kind == Kind.THROTTLED || kind == Kind.UNAVAILABLE;
    }
}
