package io.dsgluesync.sync;

/** A transient failure (throttling, unavailability): the message should come back later. */
public class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
