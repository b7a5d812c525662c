package io.dsgluesync.datasphere;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Builds a {@link DatasphereClient} for a tenant: one HTTP client, one token cache per container. */
public final class DatasphereConnection {
    private DatasphereConnection() {
    }

    public static DatasphereClient open(DatasphereSettings settings, Supplier<ClientCredentials> credentials) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Backoff backoff = Backoff.standard();
        TokenProvider tokens = new TokenProvider(http, settings.tokenUrl(), memoize(credentials), Clock.systemUTC(),
                settings.requestTimeout(), backoff, settings.maxAttempts());
        DatasphereHttp transport = new DatasphereHttp(http, tokens, backoff, settings,
                RequestBudget.share(settings.requestsPerMinute(), settings.budgetShares()));
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
