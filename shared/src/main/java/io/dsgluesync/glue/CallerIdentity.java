package io.dsgluesync.glue;

/** Who writes to a target: STS GetCallerIdentity's account and ARN. */
public record CallerIdentity(String account, String arn) {
    public static final CallerIdentity UNKNOWN = new CallerIdentity("unknown", "unknown");
}
