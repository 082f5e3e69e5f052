package dev.lookalike.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Identities compared field by field, in one order, and written as the one JSON row. */
class ModelIdentityTest {

    private static final ModelIdentity CLIP = new ModelIdentity("clip", "a".repeat(64), "image_embeds", "none", 512);

    @Test
    void theFirstDifferenceIsTheHashThenOutputPoolingAndDimension() {
        assertEquals(
                Optional.empty(),
                CLIP.firstDifference(new ModelIdentity("other name", "a".repeat(64), "image_embeds", "none", 512)),
                "names are not compared");
        assertEquals(
                Optional.of(new ModelIdentity.Difference("definitionSha256", "a".repeat(64), "b".repeat(64))),
                CLIP.firstDifference(new ModelIdentity("clip", "b".repeat(64), "x", "mean", 3)));
        assertEquals(
                Optional.of(new ModelIdentity.Difference("output", "image_embeds", "x")),
                CLIP.firstDifference(new ModelIdentity("clip", "a".repeat(64), "x", "mean", 3)));
        assertEquals(
                Optional.of(new ModelIdentity.Difference("pooling", "none", "mean")),
                CLIP.firstDifference(new ModelIdentity("clip", "a".repeat(64), "image_embeds", "mean", 3)));
        assertEquals(
                Optional.of(new ModelIdentity.Difference("dimension", 512, 3)),
                CLIP.firstDifference(new ModelIdentity("clip", "a".repeat(64), "image_embeds", "none", 3)));
    }

    @Test
    void theJsonRowKeepsTheFirstVersionsFieldNames() {
        Map<String, Object> row = CLIP.toJson();
        assertEquals(List.of("name", "dimension", "output", "pooling", "onnx_sha256"), List.copyOf(row.keySet()));
        assertEquals("a".repeat(64), row.get(ModelIdentity.SHA256_FIELD));
        assertEquals(512, row.get("dimension"));
    }
}
