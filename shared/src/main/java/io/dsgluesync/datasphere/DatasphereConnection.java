package io.dsgluesync.datasphere;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds a {@link DatasphereClient} for a tenant: one HTTP client, one token cache per container. */
public final class DatasphereConnection {
    private DatasphereConnection() {
    }

    /** A client whose budget is this container's share of the settings' budget ({@link RequestBudget#share}). */
    public static DatasphereClient open(DatasphereSettings settings, Supplier<ClientCredentials> credentials) {
        return open(settings, credentials, RequestBudget.share(settings.requestsPerMinute(), settings.budgetShares()));
    }

    /** A client asking {@code budget} before each request to the tenant (token requests are not counted). */
    public static DatasphereClient open(DatasphereSettings settings, Supplier<ClientCredentials> credentials,
                                        RequestGate budget) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Backoff backoff = Backoff.standard();
        TokenProvider tokens = new TokenProvider(http, settings.tokenUrl(), memoize(credentials), Clock.systemUTC(),
                settings.requestTimeout(), backoff, settings.maxAttempts());
        DatasphereHttp transport = new DatasphereHttp(http, tokens, backoff, settings, budget);
        return new DatasphereClient(settings, transport);
    }

    /** The secret is read once per container, on first use (never during init, so SnapStart never snapshots it). */
    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                        current = value;
                    }
                }
                return current;
            }
        };
    }
}
