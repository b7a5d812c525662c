package io.dsgluesync.worker;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that never opens a connection: every request is answered in memory with HTTP 200 and an
 * empty JSON object. Priming sends its sample calls through it, so that the SDK's marshalling, signing, interceptors
 * and unmarshalling are loaded before the snapshot without a call reaching AWS (priming the code paths of the first
 * invocation, https://docs.aws.amazon.com/lambda/latest/dg/snapstart-best-practices.html, without a real request).
 */
final class PrimingHttpClient implements SdkHttpClient {
    private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(EMPTY_JSON.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_JSON)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "priming";
    }

    @Override
    public void close() {
    }
}
