package io.dsgluesync.datasphere;

/** An OAuth client of purpose "Technical User". {@link #toString()} never shows the secret. */
public record ClientCredentials(String clientId, String clientSecret) {
    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
