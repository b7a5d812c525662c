package io.dsgluesync.datasphere;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that sends requests to the tenant: only to the tenant's origin, whatever URL a response pointed at
 * ({@code @odata.nextLink}, metadata URLs), so the bearer token never leaves it; every body read up to
 * {@link DatasphereSettings#maxMetadataBytes()} and no further; a single token refresh on 401; retries of 429
 * (honouring {@code Retry-After}), 5xx and I/O errors with bounded backoff.
 */
public class DatasphereHttp {
    private final HttpClient http;
    private final TokenProvider tokens;
    private final Backoff backoff;
    private final DatasphereSettings settings;
    private final int maxAttempts;
    private final RequestGate budget;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttles = new AtomicInteger();

    public DatasphereHttp(HttpClient http, TokenProvider tokens, Backoff backoff, DatasphereSettings settings,
                          RequestGate budget) {
        this.http = http;
        this.tokens = tokens;
        this.backoff = backoff;
        this.settings = settings;
        this.maxAttempts = Math.max(1, settings.maxAttempts());
        this.budget = budget;
    }

    /**
     * GET with retries; answers 2xx and 304, throws {@link DatasphereException} for everything else: {@code REFUSED}
     * before anything is sent when {@code uri} is not on the tenant's origin, {@code BAD_RESPONSE} when the body
     * passes the size limit.
     */
    public HttpResponse<byte[]> get(URI uri, String accept, Map<String, String> headers) {
        if (!settings.isTenantOrigin(uri)) {
            throw new DatasphereException(DatasphereException.Kind.REFUSED, "GET " + uri + " refused: it is not on"
                    + " the tenant's origin " + settings.tenantUrl() + ", the only one the bearer token is sent to");
        }
        boolean refreshed = false;
        for (int attempt = 1; ; attempt++) {
            String token = tokens.token();
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET()
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", accept);
            headers.forEach(builder::header);
            HttpResponse<byte[]> response;
            try {
                budget.acquire();
                requests.incrementAndGet();
                response = http.send(builder.build(), BoundedBody.upTo(settings.maxMetadataBytes()));
            } catch (IOException e) {
                if (BoundedBody.tooLarge(e).isPresent()) {
                    throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, "GET " + uri
                            + " answered more than " + settings.maxMetadataBytes() + " bytes, the limit for a response"
                            + " (DATASPHERE_MAX_METADATA_BYTES); reading stopped there", 0, null, e);
                }
                if (attempt >= maxAttempts) {
                    throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "GET " + uri + " failed after "
                            + attempt + " attempts: " + e.getClass().getSimpleName(), 0, null, e);
                }
                backoff.pause(attempt, null);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatasphereException(DatasphereException.Kind.UNAVAILABLE, "interrupted: GET " + uri);
            }
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 304) {
                return response;
            }
            if (status == 401 && !refreshed) {
                // Client-credentials tokens expire and come without a refresh token
                // (https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3): fetch a new one, once.
                tokens.invalidate(token);
                refreshed = true;
                attempt--;
                continue;
            }
            boolean retryable = status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
            if (status == 429) {
                throttles.incrementAndGet();
            }
            Duration retryAfter = retryAfter(response);
            if (retryable && attempt < maxAttempts) {
                backoff.pause(attempt, retryAfter);
                continue;
            }
            throw failure(uri, status, retryAfter);
        }
    }

    public int requestCount() {
        return requests.get();
    }

    public int throttleCount() {
        return throttles.get();
    }

    private static DatasphereException failure(URI uri, int status, Duration retryAfter) {
        DatasphereException.Kind kind = switch (status) {
            case 401 -> DatasphereException.Kind.UNAUTHORIZED;
            // A 401 is answered with a new token first (above); a 403 is the object's or the space's refusal
            // (https://www.rfc-editor.org/rfc/rfc9110#name-403-forbidden).
            case 403 -> DatasphereException.Kind.FORBIDDEN;
            case 404, 405 -> DatasphereException.Kind.NOT_FOUND;
            case 429 -> DatasphereException.Kind.THROTTLED;
            default -> status >= 500 ? DatasphereException.Kind.UNAVAILABLE : DatasphereException.Kind.BAD_RESPONSE;
        };
        return new DatasphereException(kind, "GET " + uri + " answered HTTP " + status, status, retryAfter, null);
    }

    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
