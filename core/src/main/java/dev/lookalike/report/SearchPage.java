package dev.lookalike.report;

import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes search results as one self-contained HTML page: each query's picture, then every
 * model's nearest images side by side with rank, path, score and cosine. Thumbnails are inlined
 * and the style is embedded, so the page opens from disk with no server or network; clicking a
 * picture opens the original file. The same inputs give the same bytes.
 */
public final class SearchPage {

    private static final String STYLE = loadStyle();
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int MODEL_COLOURS = 4;

    private final Path imageRoot;
    private final Thumbnails thumbnails;

    /**
     * What the page's header says.
     *
     * @param title       the page's title, such as "CLIP vs DINOv2"
     * @param indexPath   the index the results came from
     * @param generatedAt when the search ran, shown in the header; {@code null} leaves the date
     *                    out so the page is byte-for-byte reproducible
     */
    public record Header(String title, Path indexPath, Instant generatedAt) {

        public Header {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(indexPath, "indexPath");
        }
    }

    /**
     * @param imageRoot  the indexed folder; hit paths are relative to it
     * @param thumbnails how pictures are shrunk for the page
     */
    public SearchPage(Path imageRoot, Thumbnails thumbnails) {
        this.imageRoot = Objects.requireNonNull(imageRoot, "imageRoot");
        this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
    }

    /**
     * Writes the page to {@code out}, linking pictures relative to its folder.
     *
     * @param queries one or more queries' results, shown in this order
     */
    public void write(Path out, Header header, List<SearchResults> queries) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.writeString(out, render(dir, header, queries), StandardCharsets.UTF_8);
    }

    /**
     * Writes the page of text queries to {@code out}: each query is shown as its sentence (the results'
     * {@link SearchResults#query()}) in place of a picture.
     */
    public void writeTextQueries(Path out, Header header, List<SearchResults> queries) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        checkNotEmpty(queries);
        Files.writeString(out, new Rendering(dir, header, queries, true).page(), StandardCharsets.UTF_8);
    }

    /**
     * The page as a string, for a page that will be saved in {@code pageDir}.
     *
     * @param queries one or more queries' results, shown in this order
     */
    public String render(Path pageDir, Header header, List<SearchResults> queries) {
        checkNotEmpty(queries);
        return new Rendering(pageDir, header, queries, false).page();
    }

    private static void checkNotEmpty(List<SearchResults> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("a search page needs at least one query: " + queries);
        }
    }

    /** One page being written: the output and the thumbnails made so far. */
    private final class Rendering {

        private final Path pageDir;
        private final Header header;
        private final List<SearchResults> queries;
        private final boolean byText;
        private final List<String> models;
        private final Map<Path, Thumbnail> made = new HashMap<>();
        private final StringBuilder html = new StringBuilder(1 << 16);

        Rendering(Path pageDir, Header header, List<SearchResults> queries, boolean byText) {
            this.pageDir = pageDir;
            this.header = header;
            this.queries = queries;
            this.byText = byText;
            this.models = modelsOf(queries);
        }

        String page() {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                    .append("<title>")
                    .append(Html.escape(header.title()))
                    .append("</title>\n")
                    .append("<style>\n")
                    .append(STYLE)
                    .append("</style>\n</head>\n<body>\n");
            pageHeader();
            html.append("<main>\n");
            for (int i = 0; i < queries.size(); i++) {
                query(i + 1, queries.get(i));
            }
            html.append("</main>\n<footer>Made by lookalike. Score = (cosine + 1) / 2. ")
                    .append("Click a picture to open the original.</footer>\n</body>\n</html>\n");
            return html.toString();
        }

        private void pageHeader() {
            html.append("<header class=\"page\">\n<h1>")
                    .append(Html.escape(header.title()))
                    .append("</h1>\n")
                    .append("<dl class=\"facts\">\n");
            fact("Index", header.indexPath().toString());
            fact("Images", imageRoot.toString());
            fact("Models", String.join(", ", models));
            fact("Queries", Integer.toString(queries.size()));
            if (header.generatedAt() != null) {
                fact("Date", DATE.format(header.generatedAt()));
            }
            html.append("</dl>\n</header>\n");
        }

        private void fact(String name, String value) {
            html.append("<div><dt>")
                    .append(name)
                    .append("</dt><dd>")
                    .append(Html.escape(value))
                    .append("</dd></div>\n");
        }

        private void query(int number, SearchResults results) {
            html.append("<section class=\"query\" id=\"query-")
                    .append(number)
                    .append("\">\n")
                    .append("<div class=\"query-image\">\n<h2>Query ")
                    .append(number)
                    .append("</h2>\n");
            if (byText) {
                html.append("<p class=\"query-text\">")
                        .append(Html.escape(results.query()))
                        .append("</p>\n</div>\n");
            } else {
                picture(Path.of(results.query()), results.query());
                html.append("<p class=\"path\" title=\"")
                        .append(Html.escape(results.query()))
                        .append("\">")
                        .append(Html.escape(nameOf(results.query())))
                        .append("</p>\n</div>\n");
            }
            html.append("<div class=\"models\">\n");
            results.byModel().forEach(this::model);
            html.append("</div>\n</section>\n");
        }

        private void model(String model, List<SearchHit> hits) {
            html.append("<div class=\"model model-")
                    .append(models.indexOf(model) % MODEL_COLOURS)
                    .append("\">\n<h3><b>")
                    .append(Html.escape(model))
                    .append("</b>");
            if (hits.isEmpty()) {
                html.append("</h3>\n<p class=\"empty\">No results.</p>\n</div>\n");
                return;
            }
            html.append(" <span>top ")
                    .append(hits.size())
                    .append("</span></h3>\n")
                    .append("<ol class=\"hits\" style=\"--k:")
                    .append(hits.size())
                    .append("\">\n");
            hits.forEach(this::hit);
            html.append("</ol>\n</div>\n");
        }

        private void hit(SearchHit hit) {
            String score = String.format(Locale.ROOT, "%.1f%%", hit.score() * 100);
            String bar = String.format(Locale.ROOT, "%.1f%%", Math.clamp(hit.score(), 0, 1) * 100);
            html.append("<li class=\"hit\">\n<span class=\"rank\">")
                    .append(hit.rank())
                    .append("</span>\n");
            picture(imageRoot.resolve(hit.path()), hit.path());
            html.append("<p class=\"score\"><b>")
                    .append(score)
                    .append("</b> <span class=\"cosine\">cos ")
                    .append(String.format(Locale.ROOT, "%.4f", hit.cosine()))
                    .append("</span></p>\n")
                    .append("<div class=\"bar\"><span style=\"width:")
                    .append(bar)
                    .append("\"></span></div>\n")
                    .append("<p class=\"path\" title=\"")
                    .append(Html.escape(hit.path()))
                    .append("\">")
                    .append(Html.escape(hit.path()))
                    .append("</p>\n</li>\n");
        }

        /** A thumbnail linking to the original, or a placeholder tile when it cannot be read. */
        private void picture(Path file, String label) {
            Thumbnail thumbnail = made.computeIfAbsent(file, thumbnails::of);
            html.append("<a class=\"thumb\" href=\"")
                    .append(Html.escape(Html.href(pageDir, file)))
                    .append("\">");
            switch (thumbnail) {
                case Thumbnail.Image image ->
                    html.append("<img src=\"")
                            .append(image.dataUri())
                            .append("\" width=\"")
                            .append(image.width())
                            .append("\" height=\"")
                            .append(image.height())
                            .append("\" alt=\"")
                            .append(Html.escape(label))
                            .append("\"/>");
                case Thumbnail.Unreadable unreadable ->
                    html.append("<span class=\"unreadable\" title=\"")
                            .append(Html.escape(unreadable.reason()))
                            .append("\">unreadable</span>");
            }
            html.append("</a>\n");
        }
    }

    private static List<String> modelsOf(List<SearchResults> queries) {
        Set<String> models = new LinkedHashSet<>();
        queries.forEach(q -> models.addAll(q.byModel().keySet()));
        return new ArrayList<>(models);
    }

    private static String nameOf(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    private static String loadStyle() {
        try (InputStream in = SearchPage.class.getResourceAsStream("search-page.css")) {
            if (in == null) {
                throw new IllegalStateException("search-page.css is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read search-page.css", e);
        }
    }
}
