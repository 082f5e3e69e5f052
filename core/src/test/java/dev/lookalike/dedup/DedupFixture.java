package dev.lookalike.dedup;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A small index of hand-placed 2-d vectors: a file at an angle, with the facts the keeper rule reads. */
final class DedupFixture {

    static final ModelIdentity CLIP = new ModelIdentity("clip", "a".repeat(64), "image_embeds", "none", 2);
    static final ModelIdentity DINO = new ModelIdentity("dinov2", "b".repeat(64), "last_hidden_state", "mean", 2);

    private DedupFixture() {}

    static IndexStore create(Path dir) throws IOException {
        IndexStore store = IndexStore.create(dir, "/photos", "test");
        store.registerModel(CLIP);
        store.registerModel(DINO);
        return store;
    }

    /** The unit vector at {@code degrees}. */
    static float[] at(double degrees) {
        return new float[] {(float) Math.cos(Math.toRadians(degrees)), (float) Math.sin(Math.toRadians(degrees))};
    }

    /**
     * Adds a file whose clip vector is at {@code clipDegrees} and dinov2 vector at {@code dinoDegrees}.
     *
     * @param sha the content hash; equal hashes make identical files
     */
    static void put(
            IndexStore store,
            String path,
            double clipDegrees,
            double dinoDegrees,
            int width,
            int height,
            long size,
            long mtime,
            String sha)
            throws IOException {
        try (WriteBatch batch = store.beginBatch()) {
            batch.putFile(
                    FileRecord.ok(path, size, mtime, sha, width, height),
                    Map.of("clip", at(clipDegrees), "dinov2", at(dinoDegrees)));
            batch.commit();
        }
    }

    /** A file with a hash of its own and everything else equal. */
    static void put(IndexStore store, String path, double degrees, int width) throws IOException {
        put(
                store,
                path,
                degrees,
                degrees,
                width,
                100,
                1000,
                5000,
                String.format("%064x", path.hashCode() & 0xffffffffL));
    }
}
