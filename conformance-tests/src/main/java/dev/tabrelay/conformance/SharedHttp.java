package dev.tabrelay.conformance;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One OkHttp client for the whole run (its pools and threads), shut down when the run ends. */
final class SharedHttp implements ExtensionContext.Store.CloseableResource {

    private final OkHttpClient client = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .build();

    OkHttpClient client() {
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        client.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
    }
}
