package dev.lookalike.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageTooLargeException;
import dev.lookalike.report.Thumbnail;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.serving.SearchService;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON API's routes and how each request becomes a call to the {@link SearchService}. */
final class Api {

    /** The most results per model a request may ask for. */
    static final int MAX_K = 100;

    static final int DEFAULT_K = 5;
    private static final String JSON = "application/json";

    private final SearchService service;
    private final long maxUploadBytes;
    private final ThumbnailCache thumbnails = new ThumbnailCache(4096);
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param maxUploadBytes the upload limit, told to clients in {@code GET /api/index} so that the page checks it first */
    Api(SearchService service, long maxUploadBytes) {
        this.service = service;
        this.maxUploadBytes = maxUploadBytes;
    }

    void register(RouteTable routes) {
        routes.get("/healthz", ctx -> json(ctx, Map.of("status", "ok")));
        routes.get("/api/index", ctx -> json(ctx, indexDocument()));
        routes.post("/api/search", this::search);
        routes.post("/api/compare", this::compare);
        routes.get("/api/images/{id}", this::image);
        routes.get("/api/images/{id}/thumbnail", this::thumbnail);
    }

    private Map<String, Object> indexDocument() {
        Map<String, Object> doc = new LinkedHashMap<>(service.indexInfo());
        doc.put("serving_models", service.modelNames());
        doc.put("fusions", service.fusions());
        doc.put("text_models", service.textModelNames());
        doc.put("max_upload_bytes", maxUploadBytes);
        return doc;
    }

    private void search(Context ctx) throws IOException {
        if (isJson(ctx)) {
            JsonNode body = readJson(ctx);
            if (body.has("text")) {
                searchText(ctx, body);
                return;
            }
            long id = requireId(body.path("id"));
            String path = service.images().path(id).orElseThrow(() -> noSuchImage(id));
            ModelSelection models = selection(textList(body.path("models")));
            int k = k(body.path("k").asText(null));
            json(ctx, service.search(path, readIndexed(id, path), models, k));
        } else {
            UploadedFile upload = requireUpload(ctx, "image");
            ModelSelection models = selection(models(param(ctx, "models")));
            int k = k(param(ctx, "k"));
            json(ctx, service.search(uploadName(upload), decode(upload), models, k));
        }
    }

    private void searchText(Context ctx, JsonNode body) throws IOException {
        if (body.has("id")) {
            throw new ApiException(400, "give either \"text\" or \"id\", not both");
        }
        JsonNode text = body.path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            throw new ApiException(400, "\"text\" must be a non-empty string, got " + text);
        }
        List<String> models = textList(body.path("models"));
        try {
            json(ctx, service.searchText(text.asText(), models, k(body.path("k").asText(null))));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private void compare(Context ctx) throws IOException {
        UploadedFile a = requireUpload(ctx, "a");
        UploadedFile b = requireUpload(ctx, "b");
        ModelSelection models;
        try {
            models = service.comparison(models(param(ctx, "models")));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), e);
        }
        json(ctx, service.compare(uploadName(a), decode(a), uploadName(b), decode(b), models));
    }

    /** Streams the file rather than reading it whole: an indexed image may be of any size. */
    private void image(Context ctx) throws IOException {
        long id = pathId(ctx);
        Path file = service.images().file(id).orElseThrow(() -> noSuchImage(id));
        long size;
        InputStream in;
        try {
            size = Files.size(file);
            in = new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new ApiException(404, "image " + id + " is in the index but its file is gone");
        }
        try {
            in.mark(ImageTypes.HEADER_BYTES);
            byte[] header = in.readNBytes(ImageTypes.HEADER_BYTES);
            in.reset();
            ctx.header("Cache-Control", "private, max-age=3600");
            // Sent as is with its exact length: images are compressed already.
            ctx.disableCompression().header("Content-Length", Long.toString(size));
            ctx.contentType(ImageTypes.of(header)).result(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void thumbnail(Context ctx) {
        long id = pathId(ctx);
        String path = service.images().path(id).orElseThrow(() -> noSuchImage(id));
        Path file = service.images().file(id).orElseThrow(() -> noSuchImage(id));
        switch (thumbnails.get(id, file)) {
            case Thumbnail.Image image -> {
                ctx.header("Cache-Control", "private, max-age=3600");
                ctx.contentType("image/jpeg").result(image.jpeg());
            }
            case Thumbnail.Unreadable unreadable -> throw unreadable(id, path, file, unreadable.reason());
        }
    }

    private DecodedImage readIndexed(long id, String path) throws IOException {
        if (service.images().file(id).isEmpty()) {
            throw noSuchImage(id); // its stored path would leave the indexed folder
        }
        try {
            return service.decodeIndexed(id);
        } catch (ImageDecodeException e) {
            throw unreadable(id, path, e.file(), e.getMessage());
        }
    }

    /** A 404 for an indexed image that cannot be read, naming it by id and stored path, never by where it is. */
    private static ApiException unreadable(long id, String path, Path file, String reason) {
        String problem = reason.lines()
                .findFirst()
                .orElse("")
                .replace(file.toString() + ": ", "")
                .replace(file.toString(), path);
        return new ApiException(404, "image " + id + " (" + path + ") cannot be read: " + problem);
    }

    /** The models and fusions named, each checked against the server's, so that a typo is the client's 400. */
    private ModelSelection selection(List<String> names) {
        try {
            return service.selection(names);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), e);
        }
    }

    private DecodedImage decode(UploadedFile upload) throws IOException {
        byte[] bytes;
        try (InputStream in = upload.content()) {
            bytes = in.readAllBytes();
        }
        try {
            return service.decode(bytes, uploadName(upload));
        } catch (ImageTooLargeException e) {
            throw new ApiException(413, e.getMessage(), e);
        } catch (ImageDecodeException e) {
            throw new ApiException(415, e.getMessage(), e);
        }
    }

    private static UploadedFile requireUpload(Context ctx, String field) {
        if (!ctx.isMultipartFormData()) {
            throw new ApiException(400, "expected multipart/form-data with the image in field '" + field + "'");
        }
        UploadedFile upload = ctx.uploadedFile(field);
        if (upload == null) {
            throw new ApiException(400, "no file in field '" + field + "'");
        }
        return upload;
    }

    /** The upload's file name as errors and results show it: its last segment, printable characters only. */
    static String uploadName(UploadedFile upload) {
        String name = upload.filename() == null ? "" : upload.filename();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return name.isBlank() ? "upload" : name;
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(JSON);
    }

    private JsonNode readJson(Context ctx) {
        try {
            JsonNode body = mapper.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw new ApiException(400, "expected a JSON object such as {\"id\": 12, \"k\": 5}");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(
                    400,
                    "the body is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    private static long requireId(JsonNode id) {
        if (!id.canConvertToLong()) {
            throw new ApiException(400, "expected \"id\": the id of an indexed image, got " + id);
        }
        return id.longValue();
    }

    private static List<String> textList(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return models(node.asText());
        }
        if (!node.isArray()) {
            throw new ApiException(400, "\"models\" must be a list of model names, got " + node);
        }
        return java.util.stream.StreamSupport.stream(node.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static String param(Context ctx, String name) {
        String form = ctx.formParam(name);
        return form != null ? form : ctx.queryParam(name);
    }

    private static List<String> models(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static int k(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(text.trim());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // answered below, with the value
        }
        throw new ApiException(400, "k must be a whole number from 1 to " + MAX_K + ", got '" + text + "'");
    }

    private static long pathId(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no image with id '" + text + "'");
        }
    }

    private static ApiException noSuchImage(long id) {
        return new ApiException(404, "no image with id " + id + " in the index");
    }

    void json(Context ctx, Object document) throws IOException {
        ctx.contentType(JSON).result(mapper.writeValueAsBytes(document));
    }
}
