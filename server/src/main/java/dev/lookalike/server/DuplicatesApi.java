package dev.lookalike.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.report.DuplicatesJson;
import dev.lookalike.search.IndexedImages;
import dev.lookalike.store.IndexLockedException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/duplicates} (read-only) and {@code POST /api/duplicates/ignore} (records a "not duplicates"
 * decision; behind the API key like every API route when one is set).
 */
final class DuplicatesApi {

    private final DuplicatesService duplicates;
    private final IndexedImages images;
    private final Api api;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param duplicates null when the server has no local index (a SolrCloud collection) */
    DuplicatesApi(DuplicatesService duplicates, IndexedImages images, Api api) {
        this.duplicates = duplicates;
        this.images = images;
        this.api = api;
    }

    void register(RouteTable routes) {
        routes.get("/api/duplicates", this::find);
        routes.post("/api/duplicates/ignore", this::ignore);
    }

    private DuplicatesService service() {
        if (duplicates == null) {
            throw new ApiException(404, "duplicates need a local index (serve --index PATH)");
        }
        return duplicates;
    }

    private void find(Context ctx) throws IOException {
        DuplicatesService service = service();
        String model = blankToNull(ctx.queryParam("model"));
        Float threshold = threshold(blankToNull(ctx.queryParam("threshold")));
        boolean pairs = !"false".equalsIgnoreCase(ctx.queryParam("pairs"));
        try {
            api.json(
                    ctx,
                    DuplicatesJson.toMap(
                            service.find(model, threshold),
                            pairs,
                            (member, row) -> images.id(member.path()).ifPresent(id -> row.put("id", id))));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), e);
        }
    }

    private void ignore(Context ctx) throws IOException {
        DuplicatesService service = service();
        JsonNode body;
        try {
            body = mapper.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new ApiException(400, "the body is not valid JSON", e);
        }
        JsonNode paths = body == null ? null : body.path("paths");
        if (paths == null || !paths.isArray() || paths.size() < 2) {
            throw new ApiException(400, "expected {\"paths\": [PATH, PATH, ...]}: two or more stored paths of a group");
        }
        List<String> named = new ArrayList<>();
        for (JsonNode path : paths) {
            if (!path.isTextual() || images.id(path.asText()).isEmpty()) {
                throw new ApiException(400, "not an image of the index: " + path);
            }
            named.add(path.asText());
        }
        try {
            service.recordNotDuplicates(named);
        } catch (IndexLockedException e) {
            throw new ApiException(409, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), e);
        }
        api.json(ctx, Map.of("recorded", named));
    }

    private static Float threshold(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "threshold must be a cosine in (0, 1], got '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
