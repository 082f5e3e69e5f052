package dev.lookalike.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The review page of {@code dedup --html}: one self-contained HTML file showing each group side by side, the
 * keeper marked with the reason it was chosen, every member's thumbnail, resolution, file size, date and cosine
 * with the keeper, and the {@code dedup ignore} command that marks the group "not duplicates".
 *
 * <p>Paginated so 10,000 groups stay smooth: each page of {@value #GROUPS_PER_PAGE} groups is a JSON block that the
 * page's script parses and draws only when that page is shown, so the document holds one page of pictures at a
 * time. Thumbnails ({@value #THUMBNAIL_SIDE} px, inline JPEG) are made on several threads one page at a time and the
 * file is written as it goes, so memory stays bounded whatever the number of groups.
 */
public final class DuplicatesPage {

    /** Groups drawn per page. */
    public static final int GROUPS_PER_PAGE = 24;
    /** Longest side of a thumbnail: sharp at the displayed size, about 8 KB each. */
    public static final int THUMBNAIL_SIDE = 224;

    private static final String STYLE = resource("duplicates-page.css");
    private static final String SCRIPT = resource("duplicates-page.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Path imageRoot;
    private final Thumbnails thumbnails;
    private final int threads;

    /**
     * @param imageRoot the indexed folder; member paths are relative to it
     * @param threads   threads making thumbnails, at least 1
     */
    public DuplicatesPage(Path imageRoot, int threads) {
        this.imageRoot = Objects.requireNonNull(imageRoot, "imageRoot");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.thumbnails = new Thumbnails(THUMBNAIL_SIDE);
    }

    /** Writes the page for {@code found} to {@code out}, linking pictures relative to its folder. */
    public void write(Path out, SearchPage.Header header, Duplicates found) throws IOException {
        Path pageDir = out.toAbsolutePath().getParent();
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            writeHead(writer, header, found);
            List<DuplicateGroup> groups = found.groups();
            for (int from = 0; from < groups.size(); from += GROUPS_PER_PAGE) {
                List<DuplicateGroup> page = groups.subList(from, Math.min(groups.size(), from + GROUPS_PER_PAGE));
                writer.write("<script type=\"application/json\" class=\"page-data\">");
                writer.write(scriptSafe(JSON.writeValueAsString(pageData(page, from, pageDir, pool))));
                writer.write("</script>\n");
            }
            writer.write("<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n");
        }
    }

    private void writeHead(Writer out, SearchPage.Header header, Duplicates found) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>")
                .append(Html.escape(header.title()))
                .append("</title>\n")
                .append("<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n")
                .append("<header class=\"page\">\n<h1>")
                .append(Html.escape(header.title()))
                .append("</h1>\n")
                .append("<dl class=\"facts\">\n");
        fact(html, "Index", header.indexPath().toString());
        fact(html, "Images", imageRoot.toString());
        fact(html, "Model", found.model());
        fact(html, "Threshold", String.format(Locale.ROOT, "cosine \u2265 %s", found.threshold()));
        fact(html, "Groups", Integer.toString(found.groups().size()));
        fact(html, "Files in groups", Integer.toString(found.images()));
        fact(html, "Moving the duplicates frees", bytes(found.duplicateBytes()));
        if (found.ignoredGroups() > 0) {
            fact(html, "Marked not duplicates", Integer.toString(found.ignoredGroups()));
        }
        if (header.generatedAt() != null) {
            fact(html, "Date", DATE.format(header.generatedAt()));
        }
        html.append("</dl>\n</header>\n")
                .append("<nav class=\"pager\" aria-label=\"pages\"></nav>\n")
                .append("<main id=\"groups\" data-index=\"")
                .append(Html.escape(header.indexPath().toString()))
                .append("\" data-model=\"")
                .append(Html.escape(found.model()))
                .append("\" data-threshold=\"")
                .append(found.threshold())
                .append("\">")
                .append(found.groups().isEmpty() ? "<p class=\"empty\">No duplicates at this threshold.</p>" : "")
                .append("<noscript>This page needs JavaScript to show its groups.</noscript></main>\n")
                .append("<nav class=\"pager\" aria-label=\"pages\"></nav>\n")
                .append("<footer>Made by lookalike. Each member's cosine is with its group's keeper. The keeper has")
                .append(" the most pixels, then the largest file, then the oldest date, then the first path.")
                .append(" Keys \u2190 and \u2192 turn pages. Click a picture to open the original.</footer>\n");
        out.write(html.toString());
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<div><dt>")
                .append(name)
                .append("</dt><dd>")
                .append(Html.escape(value))
                .append("</dd></div>\n");
    }

    /** One page's groups as JSON-ready maps, thumbnails made in parallel. */
    private List<Map<String, Object>> pageData(
            List<DuplicateGroup> page, int firstNumber, Path pageDir, ExecutorService pool) throws IOException {
        List<Future<Thumbnail>> made = new ArrayList<>();
        for (DuplicateGroup group : page) {
            for (GroupMember member : group.members()) {
                made.add(pool.submit(() -> thumbnails.of(imageRoot.resolve(member.path()))));
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < page.size(); g++) {
            DuplicateGroup group = page.get(g);
            List<Map<String, Object>> members = new ArrayList<>();
            for (GroupMember member : group.members()) {
                members.add(member(member, await(made.get(next++)), pageDir));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("number", firstNumber + g + 1);
            row.put("reason", group.reason().text());
            row.put("frees", bytes(group.duplicateBytes()));
            row.put("members", members);
            groups.add(row);
        }
        return groups;
    }

    private Map<String, Object> member(GroupMember member, Thumbnail thumbnail, Path pageDir) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", member.path());
        row.put("href", Html.href(pageDir, imageRoot.resolve(member.path())));
        row.put("cosine", String.format(Locale.ROOT, "%.4f", member.cosine()));
        row.put("resolution", member.width() + "\u00d7" + member.height());
        row.put("megapixels", String.format(Locale.ROOT, "%.1f MP", member.pixels() / 1e6));
        row.put("size", bytes(member.size()));
        row.put("date", DATE.format(java.time.Instant.ofEpochMilli(member.mtimeMillis())));
        switch (thumbnail) {
            case Thumbnail.Image image -> {
                row.put("thumb", image.dataUri());
                row.put("tw", image.width());
                row.put("th", image.height());
            }
            case Thumbnail.Unreadable unreadable -> row.put("unreadable", unreadable.reason());
        }
        return row;
    }

    private static Thumbnail await(Future<Thumbnail> thumbnail) throws IOException {
        try {
            return thumbnail.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making thumbnails", e);
        } catch (ExecutionException e) {
            throw new IOException("making a thumbnail failed: " + e.getCause(), e.getCause());
        }
    }

    /** JSON inside a script element: nothing in it may close the element. */
    private static String scriptSafe(String json) {
        return json.replace("</", "<\\/");
    }

    /** Bytes in KiB, MiB or GiB. */
    public static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes < 1L << 30
                ? String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024))
                : String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String resource(String name) {
        try (InputStream in = DuplicatesPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
