package io.dsgluesync.model;

/** A queue message that cannot be read: names the field that is missing or wrong. */
public class MessageFormatException extends RuntimeException {
    private final String field;

    public MessageFormatException(String field, String message) {
        super(message);
        this.field = field;
    }

    public MessageFormatException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
