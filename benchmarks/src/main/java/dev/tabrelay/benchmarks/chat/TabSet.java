package dev.tabrelay.benchmarks.chat;

import dev.tabrelay.protocol.codec.FrameCodec;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** {@code n} connected {@link FakeTab}s that the relay counts (its {@code /health} says so); closing closes them all. */
final class TabSet implements AutoCloseable {

    private final List<FakeTab> tabs;

    private TabSet(List<FakeTab> tabs) {
        this.tabs = tabs;
    }

    /** {@code base} is {@code host:port} of the relay. */
    static TabSet connect(String base, int n, TabArrivals arrivals) throws Exception {
        FrameCodec codec = FrameCodec.defaults();
        List<FakeTab> tabs = new ArrayList<>();
        TabSet set = new TabSet(tabs);
        try {
            for (int i = 0; i < n; i++) {
                tabs.add(FakeTab.connect("ws://" + base, i, codec, arrivals));
            }
            awaitCount(base, n);
            return set;
        } catch (Exception e) {
            set.close();
            throw e;
        }
    }

    /** The relay's own view: {@code /health} must count exactly {@code n} tabs before the load starts. */
    private static void awaitCount(String base, int n) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!body.contains("\"tabs\":" + n + ",")) {
                throw new IllegalStateException("the relay does not report " + n + " tabs: " + body);
            }
        }
    }

    @Override
    public void close() {
        tabs.forEach(FakeTab::close);
    }
}
