package dev.lookalike.report;

import dev.lookalike.hash.PerceptualHash;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The JSON documents of docs/cli.md as ordered maps and lists, ready for any JSON writer: what {@code search --json}
 * and {@code compare --json} print and what the server answers, from one place ({@code index info --json} is
 * {@link dev.lookalike.store.IndexSummary#toJson()}).
 */
public final class ResultJson {

    private ResultJson() {}

    /** {@code {"query": ..., "results": {"clip": [{"rank", "path", "cosine", "distance", "score"}, ...]}}}. */
    public static Map<String, Object> search(SearchResults results) {
        return search(results, (hit, row) -> {});
    }

    /**
     * The search document with more fields per hit: {@code extra} receives each hit and its row, after the
     * standard fields, and may add to the row.
     */
    public static Map<String, Object> search(SearchResults results, BiConsumer<SearchHit, Map<String, Object>> extra) {
        Map<String, Object> byModel = new LinkedHashMap<>();
        results.byModel().forEach((model, hits) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SearchHit hit : hits) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("rank", hit.rank());
                row.put("path", hit.path());
                row.put("cosine", hit.cosine());
                row.put("distance", hit.distance());
                row.put("score", hit.score());
                extra.accept(hit, row);
                rows.add(row);
            }
            byModel.put(model, rows);
        });
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("query", results.query());
        doc.put("results", byModel);
        return doc;
    }

    /** {@code {"a": ..., "b": ..., "results": [{"model", "cosine", "score"}, ...]}}. */
    public static Map<String, Object> compare(String a, String b, List<Similarity> results) {
        return compare(a, b, results, Set.of());
    }

    /**
     * The compare document where the models named in {@code hashModels} are perceptual hashes: their rows also
     * give the {@code hamming} distance of the two hashes.
     */
    public static Map<String, Object> compare(String a, String b, List<Similarity> results, Set<String> hashModels) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Similarity s : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", s.model());
            row.put("cosine", s.cosine());
            row.put("score", s.score());
            if (hashModels.contains(s.model())) {
                row.put("hamming", PerceptualHash.hammingFromCosine(s.cosine()));
            }
            rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", a);
        doc.put("b", b);
        doc.put("results", rows);
        return doc;
    }

    /** {@code {"text": ..., "image": ..., "results": [{"model", "cosine", "score"}, ...]}}: a sentence against an image. */
    public static Map<String, Object> compareText(String text, String image, List<Similarity> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("text", text);
        doc.put("image", image);
        doc.put("results", compare(text, image, results).get("results"));
        return doc;
    }
}
