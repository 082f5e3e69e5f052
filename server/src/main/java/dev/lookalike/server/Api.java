package dev.lookalike.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageTooLargeException;
import dev.lookalike.report.Thumbnail;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
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
    private final ThumbnailCache thumbnails = new ThumbnailCache(4096);
    private final ObjectMapper mapper = new ObjectMapper();

    Api(SearchService service) {
        this.service = service;
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
        return doc;
    }

    private void search(Context ctx) throws IOException {
        if (isJson(ctx)) {
            JsonNode body = readJson(ctx);
            long id = requireId(body.path("id"));
            String path = service.images().path(id).orElseThrow(() -> noSuchImage(id));
            DecodedImage image = readIndexed(id);
            json(ctx, service.search(path, image, textList(body.path("models")), k(body.path("k").asText(null))));
        } else {
            UploadedFile upload = requireUpload(ctx, "image");
            DecodedImage image = decode(upload);
            json(ctx, service.search(uploadName(upload), image, models(param(ctx, "models")), k(param(ctx, "k"))));
        }
    }

    private void compare(Context ctx) throws IOException {
        UploadedFile a = requireUpload(ctx, "a");
        UploadedFile b = requireUpload(ctx, "b");
        json(ctx, service.compare(uploadName(a), decode(a), uploadName(b), decode(b), models(param(ctx, "models"))));
    }

    private void image(Context ctx) throws IOException {
        long id = pathId(ctx);
        Path file = service.images().file(id).orElseThrow(() -> noSuchImage(id));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ApiException(404, "image " + id + " is in the index but its file is gone");
        }
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType(ImageTypes.of(bytes)).result(bytes);
    }

    private void thumbnail(Context ctx) {
        long id = pathId(ctx);
        Path file = service.images().file(id).orElseThrow(() -> noSuchImage(id));
        switch (thumbnails.get(id, file)) {
            case Thumbnail.Image image -> {
                ctx.header("Cache-Control", "private, max-age=3600");
                ctx.contentType("image/jpeg").result(image.jpeg());
            }
            case Thumbnail.Unreadable unreadable ->
                    throw new ApiException(404, "image " + id + " cannot be read: " + unreadable.reason());
        }
    }

    private DecodedImage readIndexed(long id) throws IOException {
        try {
            return service.decodeIndexed(id);
        } catch (ImageDecodeException e) {
            throw new ApiException(404, "image " + id + " cannot be read: " + e.getMessage(), e);
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
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
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
            throw new ApiException(400, "the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
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
        return java.util.stream.StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String param(Context ctx, String name) {
        String form = ctx.formParam(name);
        return form != null ? form : ctx.queryParam(name);
    }

    private static List<String> models(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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
