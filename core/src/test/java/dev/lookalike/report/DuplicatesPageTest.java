package dev.lookalike.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import dev.lookalike.dedup.KeeperRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicatesPageTest {

    private static final Path IMAGES = Path.of("src", "test", "resources", "fixtures", "images");

    @TempDir
    Path tmp;

    private static GroupMember member(String path, float cosine, int width) {
        return new GroupMember(path, cosine, width, 100, 1000L * width, 1_700_000_000_000L, "0".repeat(64));
    }

    @Test
    void pagesHoldTheirGroupsWithTheKeeperFirstAndEscapeEverything() throws IOException {
        List<DuplicateGroup> groups = new ArrayList<>();
        groups.add(new DuplicateGroup(
                List.of(member("000000000357.jpg", 1f, 640), member("missing/</script><b>x.jpg", 0.97f, 320)),
                KeeperRule.Reason.MOST_PIXELS));
        int total = DuplicatesPage.GROUPS_PER_PAGE * 2 + 3;
        for (int g = 1; g < total; g++) {
            groups.add(new DuplicateGroup(
                    List.of(member("000000000472.jpg", 1f, 10 + g), member("000000000560.jpg", 0.95f, 5)),
                    KeeperRule.Reason.MOST_PIXELS));
        }
        Duplicates found = new Duplicates("clip", 0.95f, groups, List.of(), 2);
        Path page = tmp.resolve("review.html");
        new DuplicatesPage(IMAGES, 2)
                .write(page, new SearchPage.Header("lookalike dedup", Path.of("photos.lookalike"), null), found);
        String html = Files.readString(page);

        assertFalse(html.contains("</script><b>"), "a path cannot close the script element");
        assertTrue(html.contains("Marked not duplicates</dt><dd>2"), "the hidden groups are counted");
        Matcher blocks = Pattern.compile(
                        "<script type=\"application/json\" class=\"page-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        List<JsonNode> pages = new ArrayList<>();
        while (blocks.find()) {
            pages.add(new ObjectMapper().readTree(blocks.group(1)));
        }
        assertEquals(3, pages.size(), "two full pages and one of three groups");
        assertEquals(DuplicatesPage.GROUPS_PER_PAGE, pages.get(0).size());
        assertEquals(3, pages.get(2).size());
        JsonNode first = pages.get(0).get(0);
        assertEquals(1, first.get("number").asInt());
        assertEquals("most pixels", first.get("reason").asText());
        JsonNode keeper = first.get("members").get(0);
        assertEquals("000000000357.jpg", keeper.get("path").asText());
        assertTrue(
                keeper.get("thumb").asText().startsWith("data:image/jpeg;base64,"), "a readable file has a thumbnail");
        assertTrue(Math.max(keeper.get("tw").asInt(), keeper.get("th").asInt()) <= DuplicatesPage.THUMBNAIL_SIDE);
        assertEquals("640\u00d7100", keeper.get("resolution").asText());
        assertEquals("2023-11-14 22:13 UTC", keeper.get("date").asText());
        JsonNode missing = first.get("members").get(1);
        assertEquals("missing/</script><b>x.jpg", missing.get("path").asText(), "the path survives the escaping");
        assertTrue(missing.has("unreadable") && !missing.has("thumb"), "a missing file gets a placeholder");
        assertEquals("0.9700", missing.get("cosine").asText());
        assertEquals(total, pages.get(2).get(2).get("number").asInt(), "groups are numbered across pages");
    }

    @Test
    void anEmptyResultSaysSo() throws IOException {
        Path page = tmp.resolve("empty.html");
        new DuplicatesPage(IMAGES, 1)
                .write(
                        page,
                        new SearchPage.Header("t", Path.of("i"), null),
                        new Duplicates("dinov2", 0.9f, List.of(), List.of(), 0));
        assertTrue(Files.readString(page).contains("No duplicates at this threshold."));
    }
}
