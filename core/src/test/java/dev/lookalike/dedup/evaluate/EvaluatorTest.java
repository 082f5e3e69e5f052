package dev.lookalike.dedup.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.dataset.DuplicateVariant;
import dev.lookalike.dataset.GroupsCsv;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation over a real index: each model's truth holds only the images it embedded. */
class EvaluatorTest {

    @TempDir
    Path tmp;

    @Test
    void eachModelIsScoredOnTheImagesItEmbedded() throws Exception {
        // a, b copies (G0); c, d copies (G1); e alone. Model "all" embedded everything, "some" not d.
        float[] near = {1, 0};
        float[] nearToo = {0.999f, 0.0447f};
        float[] far = {0, 1};
        float[] farToo = {0.0447f, 0.999f};
        float[] other = {-1, 0};
        Map<String, float[]> vectors = Map.of("a", near, "b", nearToo, "c", far, "d", farToo, "e", other);
        try (IndexStore store = IndexStore.create(tmp.resolve("index"), tmp.toString(), "test")) {
            store.registerModel(new ModelIdentity("all", "a".repeat(64), "out", "none", 2));
            store.registerModel(new ModelIdentity("some", "b".repeat(64), "out", "none", 2));
            try (WriteBatch batch = store.beginBatch()) {
                vectors.forEach((path, v) -> batch.putFile(
                        FileRecord.ok(path, 1, 1, path.repeat(64), 1, 1),
                        path.equals("d") ? Map.of("all", v) : Map.of("all", v, "some", v)));
                batch.commit();
            }
            List<GroupsCsv.Row> rows =
                    List.of(row("a", "G0"), row("b", "G0"), row("c", "G1"), row("d", "G1"), row("e", "G2"));
            List<ModelEvaluation> result = Evaluator.evaluate(
                    store, rows, List.of("all", "some"), ModelEvaluation.defaultSweep(), 1, ProgressReporter.silent());

            assertEquals(5, result.get(0).images());
            assertEquals(2, result.get(0).best().truePairs());
            assertEquals(1.0, result.get(0).best().f1(), 1e-12);
            assertEquals(4, result.get(1).images());
            assertEquals(1, result.get(1).missing());
            assertEquals(1, result.get(1).best().truePairs(), "c-d can't be found without d's vector");
            assertEquals(1.0, result.get(1).best().f1(), 1e-12);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> Evaluator.evaluate(
                            store,
                            rows,
                            List.of("none"),
                            ModelEvaluation.defaultSweep(),
                            1,
                            ProgressReporter.silent()));
            assertTrue(e.getMessage().startsWith("none: none of the 5 images"), e.getMessage());
        }
    }

    private static GroupsCsv.Row row(String path, String group) {
        return new GroupsCsv.Row(path, group, DuplicateVariant.ORIGINAL, "", path, "");
    }
}
