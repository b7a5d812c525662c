package io.dsgluesync.local.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Which AWS service and operation a request calls, identified the way moto's server mode does: the service from
 * the SigV4 credential scope ({@code Credential=AKID/20261202/eu-central-1/glue/aws4_request}, see
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html), the operation from
 * {@code X-Amz-Target} (AWS JSON protocols: Glue, DynamoDB, SQS, Secrets Manager) or the {@code Action} parameter
 * (AWS query protocol: STS). REST services (S3) have no operation name on the wire.
 *
 * @param service   the credential scope's service; empty for unsigned requests (moto's own {@code /moto-api/})
 * @param operation e.g. {@code CreateTable}; empty for REST requests
 */
record AwsCall(Optional<String> service, Optional<String> operation, Protocol protocol) {

    /** The wire protocol, which decides the shape of an error answer. */
    enum Protocol {
        AWS_JSON_1_0("application/x-amz-json-1.0"),
        AWS_JSON_1_1("application/x-amz-json-1.1"),
        AWS_QUERY("text/xml"),
        REST_XML("application/xml"),
        REST_JSON("application/json");

        private final String contentType;

        Protocol(String contentType) {
            this.contentType = contentType;
        }

        String contentType() {
            return contentType;
        }
    }

    static AwsCall identify(ProxiedRequest request) {
        Optional<String> service = request.header("Authorization").flatMap(AwsCall::scopeServiceOfHeader)
                .or(() -> queryParameter(request.rawQuery(), "X-Amz-Credential").flatMap(AwsCall::scopeService));
        Optional<String> target = request.header("X-Amz-Target");
        if (target.isPresent()) {
            String value = target.get();
            Protocol protocol = request.header("Content-Type").filter(t -> t.contains("1.0")).isPresent()
                    ? Protocol.AWS_JSON_1_0 : Protocol.AWS_JSON_1_1;
            return new AwsCall(service, Optional.of(value.substring(value.lastIndexOf('.') + 1)), protocol);
        }
        Optional<String> action = queryParameter(request.rawQuery(), "Action").or(() -> isForm(request)
                ? queryParameter(new String(request.body(), StandardCharsets.UTF_8), "Action") : Optional.empty());
        if (action.isPresent()) {
            return new AwsCall(service, action, Protocol.AWS_QUERY);
        }
        boolean s3 = service.filter(s -> s.equals("s3")).isPresent();
        return new AwsCall(service, Optional.empty(), s3 ? Protocol.REST_XML : Protocol.REST_JSON);
    }

    boolean isService(String name) {
        return service.filter(name::equals).isPresent();
    }

    /** {@code glue.CreateTable}, {@code s3}, or {@code unsigned}, for stats and logs. */
    String label() {
        return service.orElse("unsigned") + operation.map(o -> "." + o).orElse("");
    }

    private static Optional<String> scopeServiceOfHeader(String authorization) {
        int start = authorization.indexOf("Credential=");
        if (start < 0) {
            return Optional.empty();
        }
        int end = authorization.indexOf(',', start);
        return scopeService(authorization.substring(start + "Credential=".length(),
                end < 0 ? authorization.length() : end).trim());
    }

    /** {@code AKID/date/region/service/aws4_request}: the service is the second part from the end. */
    private static Optional<String> scopeService(String credential) {
        String[] parts = credential.split("/");
        return parts.length >= 5 ? Optional.of(parts[parts.length - 2].toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static boolean isForm(ProxiedRequest request) {
        return request.header("Content-Type").filter(t -> t.startsWith("application/x-www-form-urlencoded"))
                .isPresent();
    }

    private static Optional<String> queryParameter(String encoded, String name) {
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
