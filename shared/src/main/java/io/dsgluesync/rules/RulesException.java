package io.dsgluesync.rules;

/** An invalid rules file: names the file and the JSON path of the offending entry. */
public class RulesException extends RuntimeException {
    public RulesException(String message) {
        super(message);
    }
}
