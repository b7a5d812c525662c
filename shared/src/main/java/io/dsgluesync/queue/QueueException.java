package io.dsgluesync.queue;

/** A queue that would not take our messages. */
public class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
