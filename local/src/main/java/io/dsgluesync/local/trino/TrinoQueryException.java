package io.dsgluesync.local.trino;

/**
 * A statement Trino refused or failed, with its error name (e.g. {@code TABLE_NOT_FOUND},
 * {@code GENERIC_INTERNAL_ERROR}) and type ({@code USER_ERROR}, {@code INTERNAL_ERROR}, ...), as listed in
 * https://github.com/trinodb/trino/blob/master/core/trino-spi/src/main/java/io/trino/spi/StandardErrorCode.java
 */
public final class TrinoQueryException extends RuntimeException {
    private final String errorName;
    private final String errorType;
    private final String trinoMessage;
    private final String rootCause;

    public TrinoQueryException(String errorName, String errorType, String trinoMessage, String rootCause,
                               String sql) {
        super(errorName + ": " + trinoMessage + (rootCause.isEmpty() ? "" : " [" + rootCause + "]") + " (in: " + sql
                + ")");
        this.errorName = errorName;
        this.errorType = errorType;
        this.trinoMessage = trinoMessage;
        this.rootCause = rootCause;
    }

    public String errorName() {
        return errorName;
    }

    public String errorType() {
        return errorType;
    }

    /**
     * The innermost exception of the server's {@code failureInfo}, as {@code class: message}, e.g.
     * {@code java.util.NoSuchElementException: No value present}; empty when the failure had no cause.
     */
    public String rootCause() {
        return rootCause;
    }

    /** Trino's own message, without the error name and statement. */
    public String trinoMessage() {
        return trinoMessage;
    }
}
