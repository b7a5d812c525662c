package io.dsgluesync.governance;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** A Lake Formation call that failed, by kind; the message names the operation and what it was about. */
public class LfTagException extends RuntimeException {
    public enum Kind { DENIED, NOT_FOUND, REJECTED, THROTTLED, UNAVAILABLE }

    private final Kind kind;

    public LfTagException(Kind kind, String operation, String subject, Exception cause) {
        super(operation + " (" + subject + ") " + describe(kind) + ": " + message(cause), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case DENIED -> "denied";
            case NOT_FOUND -> "not found";
            case REJECTED -> "rejected";
            case THROTTLED -> "throttled";
            case UNAVAILABLE -> "unavailable";
        };
    }

    private static String message(Exception cause) {
        return cause instanceof AwsServiceException e && e.awsErrorDetails() != null
                && e.awsErrorDetails().errorMessage() != null ? e.awsErrorDetails().errorMessage() : cause.getMessage();
    }
}
