package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.store.DecodeModeMismatchException;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** An index records each model's decode mode and refuses images decoded in the other mode. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexerDecodeModeTest {

    private ImageModel dinov2;
    private Path folder;

    @TempDir
    Path tmp;

    @BeforeAll
    void load(@TempDir Path photos) throws Exception {
        dinov2 = IndexingFixtures.load(List.of(IndexingFixtures.dinov2("dinov2")))
                .get(0);
        folder = photos;
        IndexingFixtures.copyInto(folder, IndexingFixtures.pickPhotos(3, 20261204L));
    }

    @AfterAll
    void close() {
        dinov2.close();
    }

    @Test
    void aFastIndexRecordsItsModeAndRefusesExactImages() throws Exception {
        Path index = tmp.resolve("fast");
        try (IndexStore store = IndexStore.create(index, folder.toString(), "test")) {
            assertEquals(3, index(store, DecodeMode.FAST).embedded());
            assertEquals(DecodeMode.FAST, store.decodeMode("dinov2"));
            Map<String, StoredFile> before = store.files();

            DecodeModeMismatchException e =
                    assertThrows(DecodeModeMismatchException.class, () -> index(store, DecodeMode.EXACT));

            assertEquals(
                    "index " + index + ": model 'dinov2' vectors come from images decoded with --decode fast, these are"
                            + " decoded with --decode exact; use --decode fast with this index, or a new index",
                    e.getMessage());
            assertEquals(before, store.files());
            assertThrows(DecodeModeMismatchException.class, () -> store.requireDecodeMode("dinov2", DecodeMode.EXACT));
            store.requireDecodeMode("dinov2", DecodeMode.FAST);
            assertEquals(0, index(store, DecodeMode.FAST).embedded(), "same mode: nothing to redo");
        }
    }

    @Test
    void vectorsStoredWithoutAModeAreExact() throws Exception {
        Path index = tmp.resolve("exact");
        try (IndexStore store = IndexStore.create(index, folder.toString(), "test")) {
            store.registerModel(dinov2.identity());
            assertEquals(DecodeMode.EXACT, store.decodeMode("dinov2"));
            assertEquals(3, index(store, DecodeMode.EXACT).embedded());

            assertThrows(DecodeModeMismatchException.class, () -> index(store, DecodeMode.FAST));
            assertThrows(DecodeModeMismatchException.class, () -> store.requireDecodeMode("dinov2", DecodeMode.FAST));
        }
    }

    private IndexingReport index(IndexStore store, DecodeMode mode) throws Exception {
        ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULT.withMode(mode));
        return new Indexer(List.of(dinov2), decoder, new IndexingOptions(4, 2, false, false))
                .index(folder, store, ProgressReporter.silent());
    }
}
