package io.dsgluesync.local.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

    @Test
    void requestsBeyondTheWindowGet429WithRetryAfter() throws Exception {
        try (DatasphereSimulator simulator = DatasphereSimulator.start(
                SimulatorOptions.defaults().withRequestsPerMinute(3))) {
            SimClient client = new SimClient(simulator);
            String token = client.token();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("/api/v1/dwc/catalog/spaces", token).statusCode());
            }

            HttpResponse<String> limited = client.get(
                    "/api/v1/dwc/consumption/relational/SPACE_A/CollegeEnrollment/$metadata", token);

            assertEquals(429, limited.statusCode());
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertEquals("429", SimClient.json(limited).path("error").path("code").asText());
            assertEquals(1, simulator.stats().rateLimitedResponses());
            assertEquals(3, simulator.stats().admittedRequests());
            assertEquals(3, simulator.stats().mostAdmittedWithin(java.time.Duration.ofSeconds(60)));
            // Token requests are outside the limit.
            assertTrue(client.token().length() > 10);
        }
    }

    @Test
    void noLimitByDefault() throws Exception {
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults())) {
            SimClient client = new SimClient(simulator);
            String token = client.token();
            for (int i = 0; i < 50; i++) {
                assertEquals(200, client.get("/api/v1/dwc/catalog/spaces", token).statusCode());
            }
            assertEquals(0, simulator.stats().rateLimitedResponses());
        }
    }

    @Test
    void theBusiestSlidingWindowOfAdmittedRequestsIsCounted() {
        SimulatorStats stats = new SimulatorStats();
        long second = 1_000_000_000L;
        for (long at : new long[] {0, 10 * second, 59 * second, 60 * second, 61 * second, 119 * second}) {
            stats.countAdmitted(at);
        }
        assertEquals(6, stats.admittedRequests());
        // [10 s, 70 s) holds 10, 59, 60 and 61; a window is half-open, as the rate limiter's.
        assertEquals(4, stats.mostAdmittedWithin(java.time.Duration.ofSeconds(60)));
        assertEquals(2, stats.mostAdmittedWithin(java.time.Duration.ofSeconds(2)));
    }

    @Test
    void theWindowSlides() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(2, () -> now[0]);
        assertEquals(0, limiter.tryAcquire());
        now[0] = 30_000_000_000L;
        assertEquals(0, limiter.tryAcquire());
        assertEquals(30, limiter.tryAcquire());
        now[0] = 59_500_000_000L;
        assertEquals(1, limiter.tryAcquire());
        now[0] = 60_000_000_000L;
        assertEquals(0, limiter.tryAcquire());
        assertEquals(30, limiter.tryAcquire());
    }
}
