package dev.lookalike.server;

import dev.lookalike.serving.SearchService;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format: requests, their latency, embedding and search
 * times (the {@link SearchService}'s, as its {@link SearchService.Timings}).
 */
public final class Metrics implements SearchService.Timings {

    /** Empty metrics, registered in a registry of their own. */
    public Metrics() {}

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests = Counter.builder()
            .name("lookalike_http_requests_total")
            .help("HTTP requests answered, by method, route and status.")
            .labelNames("method", "route", "status")
            .register(registry);
    private final Histogram requestSeconds = seconds(
            "lookalike_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route.",
            "method",
            "route");
    private final Histogram embedSeconds = seconds(
            "lookalike_embedding_duration_seconds", "Time to preprocess and embed one query image, by model.", "model");
    private final Histogram textEmbedSeconds = seconds(
            "lookalike_text_embedding_duration_seconds",
            "Time to tokenise and embed one query sentence, by model.",
            "model");
    private final Histogram searchSeconds = seconds(
            "lookalike_search_duration_seconds", "Time to find the top k of one query, by model or fusion.", "model");

    private Histogram seconds(String name, String help, String... labels) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .unit(Unit.SECONDS)
                .labelNames(labels)
                .classicOnly()
                .register(registry);
    }

    void request(String method, String route, int status, double seconds) {
        requests.labelValues(method, route, Integer.toString(status)).inc();
        requestSeconds.labelValues(method, route).observe(seconds);
    }

    @Override
    public void embedding(String model, double seconds) {
        embedSeconds.labelValues(model).observe(seconds);
    }

    @Override
    public void textEmbedding(String model, double seconds) {
        textEmbedSeconds.labelValues(model).observe(seconds);
    }

    @Override
    public void search(String model, double seconds) {
        searchSeconds.labelValues(model).observe(seconds);
    }

    /** The content type of {@link #scrape()}. */
    String contentType() {
        return writer.getContentType();
    }

    /** Every metric, in the Prometheus text format. */
    byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape(), EscapingScheme.DEFAULT);
        return out.toByteArray();
    }
}
