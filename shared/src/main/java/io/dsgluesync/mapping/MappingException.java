package io.dsgluesync.mapping;

/** An asset that cannot become a valid Glue table; names the asset and the field. */
public class MappingException extends RuntimeException {
    private final String field;

    public MappingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
