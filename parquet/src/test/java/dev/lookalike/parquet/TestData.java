package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Seeded rows and indexes for the Parquet tests; no model is run. */
final class TestData {

    static final ModelIdentity CLIP = new ModelIdentity("clip", "a".repeat(64), "image_embeds", "none", 8);
    static final ModelIdentity DINO = new ModelIdentity("dinov2", "b".repeat(64), "last_hidden_state", "mean", 12);
    static final List<ModelIdentity> MODELS = List.of(CLIP, DINO);

    private TestData() {}

    /** {@code count} ok rows with unit vectors (awkward paths among them) and one error row, seeded. */
    static List<EmbeddingRow> rows(int count, long seed) {
        Random random = new Random(seed);
        List<EmbeddingRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = switch (i % 4) {
                case 0 -> String.format(Locale.ROOT, "a/%03d.jpg", i);
                case 1 -> String.format(Locale.ROOT, "B/ü-%03d.png", i);
                case 2 -> String.format(Locale.ROOT, "z/\uD83D\uDE00%03d.jpg", i);
                default -> String.format(Locale.ROOT, "z/\uFB01le %03d.webp", i);
            };
            Map<String, float[]> vectors = new LinkedHashMap<>();
            for (ModelIdentity model : MODELS) {
                vectors.put(model.name(), unit(random, model.dimension()));
            }
            rows.add(new EmbeddingRow(
                    FileRecord.ok(
                            path,
                            1000 + i,
                            1_700_000_000_000L + i,
                            String.format(Locale.ROOT, "%064x", i),
                            10 + i,
                            20 + i),
                    vectors));
        }
        rows.add(new EmbeddingRow(
                FileRecord.skipped("broken.jpg", 7, 1_700_000_000_999L, "broken.jpg: not an image"), Map.of()));
        return rows;
    }

    static float[] unit(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return VectorUtil.l2Normalized(v);
    }

    /** A new index at {@code dir} with root {@code root} holding {@code rows}. */
    static IndexStore index(Path dir, String root, List<EmbeddingRow> rows) throws IOException {
        IndexStore store = IndexStore.create(dir, root, "test");
        for (ModelIdentity model : MODELS) {
            store.registerModel(model);
        }
        try (WriteBatch batch = store.beginBatch()) {
            rows.forEach(row -> batch.putFile(row.record(), row.vectors()));
            batch.commit();
        }
        return store;
    }
}
