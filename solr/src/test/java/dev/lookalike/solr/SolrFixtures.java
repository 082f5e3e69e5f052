package dev.lookalike.solr;

import dev.lookalike.embed.Pooling;
import dev.lookalike.indexing.IndexingFixtures;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.solr.client.solrj.SolrQuery;

/** Indexes for the Solr tests: real COCO photos embedded by the tiny models, and seeded clustered vectors. */
final class SolrFixtures {

    /** The tiny models that tools/fixtures/make_model_fixtures.py made, in the core module's test resources. */
    private static final Path TINY_MODELS = Path.of("../core/src/test/resources/fixtures/models");

    private SolrFixtures() {}

    /** Indexes {@code photos} with the tiny CLIP and DINOv2 (16-d and 32-d) into {@code index}. */
    static Path cocoIndex(Path folder, Path index, List<Path> photos) throws Exception {
        IndexingFixtures.copyInto(folder, photos);
        List<ImageModel> models = IndexingFixtures.load(tinyModels());
        try (IndexStore store = IndexStore.openOrCreate(index, folder.toString(), "test")) {
            IndexingFixtures.indexer(models, 8, false, false).index(folder, store, ProgressReporter.silent());
        } finally {
            for (ImageModel model : models) {
                model.close();
            }
        }
        return index;
    }

    /** The tiny CLIP ("clip", 16-d) and DINOv2 ("dinov2", 32-d) that {@link #cocoIndex} embeds with. */
    static List<ModelSpec> tinyModels() {
        return List.of(
                ModelSpec.local(
                        "clip",
                        TINY_MODELS.resolve("clip-tiny"),
                        "onnx/vision_model.onnx",
                        "image_embeds",
                        Pooling.NONE,
                        16),
                ModelSpec.local(
                        "dinov2",
                        TINY_MODELS.resolve("dinov2-tiny"),
                        "onnx/model.onnx",
                        "last_hidden_state",
                        Pooling.MEAN,
                        32));
    }

    /**
     * {@code files} seeded vectors of {@code model}, drawn around 20 centres (so that the nearest neighbours
     * are close together, as with real embeddings); every 600th file repeats the vector of file 3 (fewer
     * copies than Solr's candidates, so they all come back), so that only the path can order those ties. Paths are {@code prefix/dirD/imgNNNNN.jpg}.
     */
    static Path syntheticIndex(Path index, ModelIdentity model, String prefix, int from, int files, long seed)
            throws IOException {
        return syntheticIndex(index, "/synthetic", model, prefix, from, files, seed);
    }

    /** {@link #syntheticIndex(Path, ModelIdentity, String, int, int, long)} of the folder {@code root}. */
    static Path syntheticIndex(
            Path index, String root, ModelIdentity model, String prefix, int from, int files, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[20][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, model.dimension(), 1.0);
        }
        float[] tied = null;
        try (IndexStore store = IndexStore.openOrCreate(index, root, "test");
                WriteBatch batch = store.beginBatch()) {
            store.registerModel(model);
            for (int i = from; i < from + files; i++) {
                float[] vector = near(centres[random.nextInt(centres.length)], random, 0.35);
                if (i % 600 == 3) {
                    tied = tied == null ? vector : tied;
                    vector = tied;
                }
                String path = String.format("%s/dir%d/img%05d.jpg", prefix, i % 4, i);
                batch.putFile(
                        FileRecord.ok(path, 1000 + i, 1_700_000_000_000L + i, "%064x".formatted(i), 64, 48),
                        Map.of(model.name(), vector));
            }
            batch.commit();
        }
        return index;
    }

    /** Queries around the same kind of centres as {@link #syntheticIndex}'s, some far from any. */
    static float[] query(SplittableRandom random, int dimension) {
        return gaussian(random, dimension, 1.0);
    }

    static float[] near(float[] centre, SplittableRandom random, double spread) {
        float[] v = gaussian(random, centre.length, spread);
        for (int i = 0; i < v.length; i++) {
            v[i] += centre[i];
        }
        return v;
    }

    private static float[] gaussian(SplittableRandom random, int dimension, double scale) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /** How many documents match {@code q} in {@code collection}, after a commit. */
    static long count(SolrConnection solr, String collection, String q) throws Exception {
        solr.client().commit(collection);
        SolrQuery query = new SolrQuery(q);
        query.setRows(0);
        return solr.client().query(collection, query).getResults().getNumFound();
    }
}
