package dev.lookalike.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.DuplicatePair;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The document of {@code dedup --json} and {@code GET /api/duplicates}: {@code {"model", "threshold", "groups":
 * [{"keep": PATH, "reason", "members": [{"path", "cosine", "width", "height", "size", "mtime"}...]}...], "pairs":
 * [[PATH, PATH, COSINE]...], "ignored_groups"}}, paths as stored in the index, each group's members starting with
 * its keeper, {@code mtime} in milliseconds since the epoch.
 */
public final class DuplicatesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DuplicatesJson() {}

    /** The document as ordered maps and lists. */
    public static Map<String, Object> toMap(Duplicates duplicates) {
        return toMap(duplicates, true, (member, row) -> {});
    }

    /**
     * The document with more fields per member, and optionally without its pairs (a server's page needs none).
     *
     * @param extra receives each member and its row, after the standard fields, and may add to the row
     */
    public static Map<String, Object> toMap(
            Duplicates duplicates, boolean withPairs, BiConsumer<GroupMember, Map<String, Object>> extra) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("model", duplicates.model());
        doc.put("threshold", duplicates.threshold());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (DuplicateGroup group : duplicates.groups()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("keep", group.keep().path());
            row.put("reason", group.reason().text());
            row.put(
                    "members",
                    group.members().stream()
                            .map(member -> {
                                Map<String, Object> fields = member(member);
                                extra.accept(member, fields);
                                return fields;
                            })
                            .toList());
            groups.add(row);
        }
        doc.put("groups", groups);
        if (withPairs) {
            List<List<Object>> pairs = new ArrayList<>(duplicates.pairs().size());
            for (DuplicatePair pair : duplicates.pairs()) {
                pairs.add(List.of(pair.a(), pair.b(), pair.cosine()));
            }
            doc.put("pairs", pairs);
        }
        doc.put("ignored_groups", duplicates.ignoredGroups());
        return doc;
    }

    /** Writes the document to {@code file}. */
    public static void write(Path file, Duplicates duplicates) throws IOException {
        MAPPER.writeValue(file.toFile(), toMap(duplicates));
    }

    private static Map<String, Object> member(GroupMember member) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", member.path());
        row.put("cosine", member.cosine());
        row.put("width", member.width());
        row.put("height", member.height());
        row.put("size", member.size());
        row.put("mtime", member.mtimeMillis());
        return row;
    }
}
