package io.dsgluesync.local.faults;

import io.dsgluesync.local.faults.AwsCall.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Error answers in the shape each AWS protocol uses, so that the SDK parses the error code from them as from the
 * real service. The SDK classifies throttling by code ({@code ThrottlingException}, {@code RequestThrottled},
 * {@code Throttling}, {@code SlowDown}, … in {@code software.amazon.awssdk.awscore.internal.AwsErrorCode}) and
 * retries HTTP 500/502/503/504 ({@code SdkDefaultRetrySetting.RETRYABLE_STATUS_CODES}).
 * <ul>
 *   <li>AWS JSON: {@code {"__type": "...", "message": "..."}}, https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html.
 *   JSON 1.0 services prefix the code with their namespace, e.g. DynamoDB's
 *   {@code com.amazonaws.dynamodb.v20120810#ThrottlingException}
 *   (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).</li>
 *   <li>SQS (JSON, query-compatible) adds {@code x-amzn-query-error: CODE;Sender}, which the SDK prefers as the error
 *   code (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html).</li>
 *   <li>AWS query (STS): {@code <ErrorResponse><Error><Type/><Code/><Message/></Error>},
 *   https://smithy.io/2.0/aws/protocols/aws-query-protocol.html.</li>
 *   <li>S3: {@code <Error><Code/><Message/></Error>}; S3 throttles with 503 SlowDown
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</li>
 * </ul>
 */
final class ErrorShapes {
    static final String DYNAMODB_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";
    static final String SQS_NAMESPACE = "com.amazonaws.sqs#";

    private ErrorShapes() {
    }

    /** The answer for {@code fault} (one that answers with an error) to {@code call}. */
    static HttpAnswer render(Fault fault, AwsCall call) {
        int status = status(fault.kind(), call);
        String code = fault.errorCode().orElseGet(() -> defaultCode(fault.kind(), call));
        String message = message(fault.kind()) + " (injected by the fault proxy)";
        String requestId = UUID.randomUUID().toString();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", call.protocol().contentType()));
        headers.add(Map.entry("x-amzn-RequestId", requestId));
        String body = switch (call.protocol()) {
            case AWS_JSON_1_0, AWS_JSON_1_1 -> {
                if (call.isService("sqs")) {
                    headers.add(Map.entry("x-amzn-query-error", code + ";" + (status < 500 ? "Sender" : "Receiver")));
                }
                yield "{\"__type\":\"" + namespace(call) + code + "\",\"message\":\"" + message + "\"}";
            }
            case REST_JSON -> {
                headers.add(Map.entry("x-amzn-ErrorType", code));
                yield "{\"message\":\"" + message + "\"}";
            }
            case AWS_QUERY -> "<ErrorResponse><Error><Type>" + (status < 500 ? "Sender" : "Receiver") + "</Type><Code>"
                    + code + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>";
            case REST_XML -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                    + message + "</Message><RequestId>" + requestId + "</RequestId></Error>";
        };
        return new HttpAnswer(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static int status(Fault.Kind kind, AwsCall call) {
        return switch (kind) {
            case THROTTLE -> call.protocol() == Protocol.REST_XML ? 503 : 400;
            case INTERNAL_ERROR, ERROR_AFTER_APPLY -> 500;
            case UNAVAILABLE -> 503;
            case ACCESS_DENIED -> call.protocol() == Protocol.REST_XML ? 403 : 400;
            case DROP_AFTER_APPLY, DELAY -> throw new IllegalArgumentException(kind + " has no error answer");
        };
    }

    private static String defaultCode(Fault.Kind kind, AwsCall call) {
        boolean s3 = call.protocol() == Protocol.REST_XML;
        return switch (kind) {
            case THROTTLE -> s3 ? "SlowDown"
                    : call.protocol() == Protocol.AWS_QUERY ? "Throttling"
                    : call.isService("sqs") ? "RequestThrottled"
                    : "ThrottlingException";
            case INTERNAL_ERROR, ERROR_AFTER_APPLY -> s3 ? "InternalError"
                    : call.isService("dynamodb") ? "InternalServerError"
                    : "InternalFailure";
            case UNAVAILABLE -> "ServiceUnavailable";
            case ACCESS_DENIED -> s3 ? "AccessDenied" : "AccessDeniedException";
            case DROP_AFTER_APPLY, DELAY -> throw new IllegalArgumentException(kind + " has no error answer");
        };
    }

    private static String namespace(AwsCall call) {
        if (call.protocol() != Protocol.AWS_JSON_1_0) {
            return "";
        }
        return call.isService("dynamodb") ? DYNAMODB_NAMESPACE : call.isService("sqs") ? SQS_NAMESPACE : "";
    }

    private static String message(Fault.Kind kind) {
        return switch (kind) {
            case THROTTLE -> "Rate exceeded";
            case UNAVAILABLE -> "Service unavailable";
            case ACCESS_DENIED -> "User is not authorized to perform this operation";
            default -> "Internal failure";
        };
    }
}
