package dev.lookalike.report;

import static dev.lookalike.report.ThumbnailsTest.cocoPhoto;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SearchPageTest {

    private static final String IMG_PREFIX = "data:image/jpeg;base64,";
    private static final Instant WHEN = Instant.parse("2025-03-14T09:26:53Z");

    @TempDir
    Path dir;

    private Path coco;
    private List<String> photos;

    @BeforeEach
    void listPhotos() throws IOException {
        coco = cocoPhoto("000000000139.jpg").getParent();
        try (Stream<Path> files = Files.list(coco)) {
            photos = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jpg"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void showsEveryHitWithItsScoreAndAnInlinedThumbnail() throws Exception {
        List<SearchResults> queries = List.of(randomResults(1), randomResults(2));
        Path out = Files.createDirectories(Path.of("target", "search-page")).resolve("two-queries.html");
        new SearchPage(coco, new Thumbnails()).write(out, header(WHEN), queries);
        String html = Files.readString(out);
        Document page = parse(html);

        List<Element> hits = elements(page, "li");
        assertEquals(2 * 2 * 5, hits.size());
        int i = 0;
        for (SearchResults query : queries) {
            for (List<SearchHit> modelHits : query.byModel().values()) {
                for (SearchHit hit : modelHits) {
                    String text = hits.get(i++).getTextContent();
                    assertTrue(text.contains(hit.path()), text);
                    assertTrue(text.contains(String.format(Locale.ROOT, "%.1f%%", hit.score() * 100)), text);
                    assertTrue(text.contains(String.format(Locale.ROOT, "cos %.4f", hit.cosine())), text);
                }
            }
        }
        List<Element> images = elements(page, "img");
        assertEquals(2 + 20, images.size(), "each query and each hit has a picture");
        for (Element img : images) {
            assertInlinedJpeg(img.getAttribute("src"));
        }
        assertTrue(html.contains("2025-03-14 09:26 UTC"));
        assertNoNetworkReferences(html);
    }

    @Test
    void linksOpenTheOriginalFiles() throws Exception {
        Path out = dir.resolve("page.html");
        new SearchPage(coco, new Thumbnails(64)).write(out, header(null), List.of(randomResults(3)));
        for (Element link : elements(parse(Files.readString(out)), "a")) {
            Path target = Path.of(dir.toUri().resolve(new URI(link.getAttribute("href"))));
            assertTrue(Files.isRegularFile(target), link.getAttribute("href") + " -> " + target);
        }
    }

    @Test
    void escapesNastyPathsAndShowsAPlaceholderForAnUnreadableImage() throws Exception {
        Path root = Files.createDirectories(dir.resolve("photos & <friends>"));
        String nasty = "a <b> & \"c\" 'd'.jpg";
        Files.copy(coco.resolve(photos.get(0)), root.resolve(nasty));
        Files.writeString(root.resolve("broken.jpg"), "</p><script>alert(1)</script>");
        SearchResults results = new SearchResults(
                root.resolve(nasty).toString(),
                Map.of("clip", List.of(new SearchHit(1, nasty, 0.9, 0.2), new SearchHit(2, "broken.jpg", 0.5, 1.0))));
        Path out = dir.resolve("out").resolve("page <&>.html");
        Files.createDirectories(out.getParent());
        new SearchPage(root, new Thumbnails(64))
                .write(out, new SearchPage.Header("Tom & \"Jerry\" <3", root, null), List.of(results));
        String html = Files.readString(out, StandardCharsets.UTF_8);
        Document page = parse(html);

        assertFalse(
                html.contains("a <b>")
                        || html.contains("<friends>")
                        || html.contains("<script>")
                        || html.contains("<3"),
                "unescaped text");
        assertTrue(html.contains("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;.jpg"));
        assertEquals("Tom & \"Jerry\" <3", elements(page, "h1").get(0).getTextContent());
        List<Element> placeholders = elements(page, "span").stream()
                .filter(s -> s.getAttribute("class").equals("unreadable"))
                .toList();
        assertEquals(1, placeholders.size());
        assertEquals("unreadable", placeholders.get(0).getTextContent());
        assertTrue(placeholders.get(0).getAttribute("title").contains("broken.jpg"));
        assertEquals(2, elements(page, "img").size(), "the query and the readable hit");
        for (Element link : elements(page, "a")) {
            Path target = Path.of(out.getParent().toUri().resolve(new URI(link.getAttribute("href"))));
            assertTrue(Files.isRegularFile(target), link.getAttribute("href"));
        }
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        SearchPage page = new SearchPage(coco, new Thumbnails(64));
        List<SearchResults> queries = List.of(randomResults(4));
        String first = page.render(dir, header(null), queries);
        assertEquals(first, page.render(dir, header(null), queries));
        assertFalse(first.contains("Date"));
    }

    @Test
    void aPageNeedsAQuery() {
        SearchPage page = new SearchPage(coco, new Thumbnails());
        assertThrows(IllegalArgumentException.class, () -> page.render(dir, header(null), List.of()));
    }

    /** A query and, for CLIP and DINOv2, five distinct photos with falling cosines; seeded. */
    private SearchResults randomResults(long seed) {
        Random random = new Random(seed);
        String query =
                coco.resolve(photos.get((int) (seed * 53 % photos.size()))).toString();
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (String model : List.of("clip", "dinov2")) {
            List<SearchHit> hits = new ArrayList<>();
            double cosine = 0.95 - 0.1 * random.nextDouble();
            for (int rank = 1; rank <= 5; rank++) {
                String path = photos.get((int) ((seed * 31 + model.length() * 7 + rank * 11) % photos.size()));
                hits.add(new SearchHit(rank, path, cosine, 2 - 2 * cosine));
                cosine -= 0.08 * random.nextDouble();
            }
            byModel.put(model, hits);
        }
        return new SearchResults(query, byModel);
    }

    private static SearchPage.Header header(Instant when) {
        return new SearchPage.Header("CLIP vs DINOv2", Path.of("coco.lookalike"), when);
    }

    /** Parses the page as XML: proves it well-formed and lets tests look inside. */
    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document page, String tag) {
        NodeList nodes = page.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static void assertInlinedJpeg(String src) throws IOException {
        assertTrue(src.startsWith(IMG_PREFIX), src.substring(0, Math.min(60, src.length())));
        byte[] jpeg = Base64.getDecoder().decode(src.substring(IMG_PREFIX.length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertTrue(Math.max(image.getWidth(), image.getHeight()) <= Thumbnails.DEFAULT_MAX_SIDE);
    }

    private static void assertNoNetworkReferences(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        assertFalse(
                lower.contains("http:") || lower.contains("https:") || lower.contains("//cdn"), "network reference");
        assertFalse(lower.contains("@import") || lower.contains("url("), "external style resource");
    }
}
