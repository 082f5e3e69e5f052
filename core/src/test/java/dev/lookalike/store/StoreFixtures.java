package dev.lookalike.store;

import dev.lookalike.model.ModelIdentity;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic models, records and vectors shared by the store tests and the crash child. */
final class StoreFixtures {

    static final ModelIdentity CLIP = new ModelIdentity("clip", "a".repeat(64), "image_embeds", "none", 16);
    static final ModelIdentity DINO = new ModelIdentity("dinov2", "b".repeat(64), "last_hidden_state", "mean", 24);

    private StoreFixtures() {}

    static String path(int i) {
        return String.format("photos/%03d/img%05d.jpg", i % 7, i);
    }

    /** A vector that depends only on the path, the model and the content version. */
    static float[] vector(String path, ModelIdentity model, int version) {
        SplittableRandom random =
                new SplittableRandom(path.hashCode() * 31L + model.name().hashCode() + version);
        float[] v = new float[model.dimension()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static String sha(String path, int version) {
        return String.format("%064x", (long) path.hashCode() * 1_000_003L + version)
                .replace('-', 'f');
    }

    /** File number {@code i}: every 9th is unreadable, the others embedded by both models. */
    static boolean skipped(int i) {
        return i % 9 == 4;
    }

    static void write(WriteBatch batch, int i) {
        String path = path(i);
        if (skipped(i)) {
            batch.markSkipped(path, 1000L + i, 1_700_000_000_000L + i, "not an image: bad magic");
        } else {
            batch.putFile(
                    FileRecord.ok(path, 1000L + i, 1_700_000_000_000L + i, sha(path, 0), 640, 480),
                    Map.of(CLIP.name(), vector(path, CLIP, 0), DINO.name(), vector(path, DINO, 0)));
        }
    }
}
