package io.dsgluesync.datasphere;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit. Past the limit (or when {@code Content-Length} already says it
 * will be), the subscription is cancelled, which makes the HTTP client drop the connection, and the exchange fails
 * with {@link TooLarge}: a broken or hostile server cannot make us buffer more than the limit. The JDK's own
 * {@code BodySubscribers.ofByteArray()} reads to the end before anyone can look at the size
 * (https://docs.oracle.com/en/java/javase/17/docs/api/java.net.http/java/net/http/HttpResponse.BodySubscriber.html).
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final long declaredLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, long declaredLength) {
        this.limit = limit;
        this.declaredLength = declaredLength;
    }

    /**
     * Bodies of at most {@code limit} bytes. A 304 has no body, whatever {@code Content-Length} it declares: it may
     * give the length of the 200 it stands for (https://www.rfc-editor.org/rfc/rfc9110#section-8.6).
     */
    static HttpResponse.BodyHandler<byte[]> upTo(long limit) {
        return info -> new BoundedBody(limit, info.statusCode() == 304 ? -1
                : info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** The {@link TooLarge} among {@code failure}'s causes ({@code HttpClient.send} wraps it in an IOException). */
    static Optional<TooLarge> tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLength > limit) {
            refuse();
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > limit) {
                refuse();
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    private void refuse() {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(limit));
    }

    /** A body that would have passed the limit; the message gives the limit. */
    static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("response body over " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }
}
