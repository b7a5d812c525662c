package io.dsgluesync.csdl;

/** A {@code $metadata} document we cannot use; the message names the asset and what is wrong. */
public class CsdlException extends RuntimeException {
    private final String field;

    public CsdlException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
