package io.dsgluesync.local.stack;

/** How the local event source hands failed SQS records back to the function. */
public enum DeliveryMode {
    /**
     * Quick local runs: a failed record is made visible again at once (ChangeMessageVisibility 0) instead of
     * waiting out the queue's visibility timeout. Receive counts and the dead-letter redrive are SQS's (moto's).
     */
    FAST,
    /**
     * As the Lambda SQS event source mapping does it: a failed record (listed in {@code batchItemFailures}, or every
     * record of an invocation that failed or timed out) is neither deleted nor touched, and comes back only when SQS's
     * visibility timeout expires; the queue's visibility timeout must be at least the function's Timeout, which
     * Lambda checks when it creates the mapping
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html,
     * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html).
     */
    AWS
}
