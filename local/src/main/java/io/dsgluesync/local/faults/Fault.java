package io.dsgluesync.local.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the proxy does to a request a rule picked. The error answers are rendered in the protocol the request
 * used ({@link ErrorShapes}); the {@code *_AFTER_APPLY} faults and {@link #delay} let moto apply the request first.
 *
 * @param errorCode the error code to answer with instead of the service's usual one (e.g. DynamoDB's
 *                  {@code ProvisionedThroughputExceededException}); only for the answers that carry one
 * @param delay     how long to hold the request before forwarding it; only for {@link Kind#DELAY}
 */
public record Fault(Kind kind, Optional<String> errorCode, Duration delay) {

    public enum Kind {
        /** HTTP 400 with the service's throttling error, which the SDK classifies as throttling and retries. */
        THROTTLE,
        /** HTTP 500 InternalFailure (DynamoDB: InternalServerError; S3: InternalError), retried by the SDK. */
        INTERNAL_ERROR,
        /** HTTP 503 ServiceUnavailable, retried by the SDK. */
        UNAVAILABLE,
        /** Forwards, lets moto apply the request, then closes the connection without answering. */
        DROP_AFTER_APPLY,
        /** Forwards, lets moto apply the request, then answers 500 instead of moto's answer. */
        ERROR_AFTER_APPLY,
        /** Holds the request for {@link Fault#delay()}, then forwards it and relays the answer. */
        DELAY,
        /**
         * The caller's identity may not do this: HTTP 400 AccessDeniedException (S3: 403 AccessDenied), never
         * retried, as IAM answers a call its policies do not allow
         * (https://docs.aws.amazon.com/glue/latest/webapi/CommonErrors.html, AccessDeniedException).
         */
        ACCESS_DENIED
    }

    public static final Fault THROTTLE = new Fault(Kind.THROTTLE, Optional.empty(), Duration.ZERO);
    public static final Fault INTERNAL_ERROR = new Fault(Kind.INTERNAL_ERROR, Optional.empty(), Duration.ZERO);
    public static final Fault UNAVAILABLE = new Fault(Kind.UNAVAILABLE, Optional.empty(), Duration.ZERO);
    public static final Fault DROP_AFTER_APPLY = new Fault(Kind.DROP_AFTER_APPLY, Optional.empty(), Duration.ZERO);
    public static final Fault ERROR_AFTER_APPLY = new Fault(Kind.ERROR_AFTER_APPLY, Optional.empty(), Duration.ZERO);
    public static final Fault ACCESS_DENIED = new Fault(Kind.ACCESS_DENIED, Optional.empty(), Duration.ZERO);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(delay, "delay");
        if (errorCode.isPresent() && !answersWithError(kind)) {
            throw new IllegalArgumentException(kind + " carries no error code");
        }
        if (kind == Kind.DELAY ? delay.isNegative() || delay.isZero() : !delay.isZero()) {
            throw new IllegalArgumentException(kind == Kind.DELAY ? "a delay must be positive"
                    : kind + " takes no delay");
        }
    }

    /** Throttling with a code of the caller's choice, e.g. {@code ProvisionedThroughputExceededException}. */
    public static Fault throttle(String errorCode) {
        return new Fault(Kind.THROTTLE, Optional.of(errorCode), Duration.ZERO);
    }

    /** Latency: the request reaches moto {@code delay} later and its answer is relayed unchanged. */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, Optional.empty(), delay);
    }

    private static boolean answersWithError(Kind kind) {
        return kind == Kind.THROTTLE || kind == Kind.INTERNAL_ERROR || kind == Kind.UNAVAILABLE
                || kind == Kind.ERROR_AFTER_APPLY || kind == Kind.ACCESS_DENIED;
    }
}
