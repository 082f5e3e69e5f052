package dev.lookalike.indexing;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.pipeline.EmbeddedImage;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.FileStatus;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredFile;
import dev.lookalike.store.WriteBatch;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings an index up to date with a folder: embeds new and changed images with every model,
 * records unreadable ones with their reason, and commits batch by batch, so that a run that is
 * killed loses at most one batch and the same call resumes where it stopped.
 *
 * <p>A file is unchanged when its size and modification time match the index and the index
 * holds vectors for every model; anything else is embedded again. Vectors are stored
 * L2-normalised, as the reference article adds them to its FAISS indexes.
 */
public final class Indexer {

    private final List<ImageModel> models;
    private final ImageDecoder decoder;
    private final IndexingOptions options;

    /**
     * @param models  the models to index with
     * @param decoder how image files become pixels
     * @param options batch size, workers, pruning, strictness
     */
    public Indexer(List<ImageModel> models, ImageDecoder decoder, IndexingOptions options) {
        this.models = List.copyOf(models);
        this.decoder = decoder;
        this.options = options;
    }

    /**
     * Indexes every image under {@code root} into {@code store}.
     *
     * @throws dev.lookalike.store.ModelMismatchException when the index holds another model under a name
     * @throws UnreadableImageException in a strict run, at the first unreadable image (earlier batches stay committed)
     * @throws IOException when the folder or the index can't be read or written
     */
    public IndexingReport index(Path root, IndexStore store, ProgressReporter progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (ImageModel model : models) {
            store.registerModel(model.identity());
        }
        List<String> found = ImageWalker.list(root);
        Plan plan = plan(root, found, store.files());
        List<IndexingReport.Skipped> skipped = new ArrayList<>();
        if (!plan.todo.isEmpty()) {
            embed(root, plan, store, progress, skipped);
        }
        List<String> pruned = options.prune() ? store.prune(new HashSet<>(found)) : List.of();
        return new IndexingReport(found.size(), plan.todo.size() - skipped.size(), plan.unchanged, skipped,
                plan.stillUnreadable, pruned, Duration.ofNanos(System.nanoTime() - start));
    }

    private Plan plan(Path root, List<String> found, Map<String, StoredFile> known) throws IOException {
        Set<String> modelNames = new HashSet<>();
        models.forEach(model -> modelNames.add(model.spec().name()));
        Plan plan = new Plan();
        for (String path : found) {
            BasicFileAttributes attributes = Files.readAttributes(root.resolve(path), BasicFileAttributes.class);
            Stamp stamp = new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
            StoredFile stored = known.get(path);
            if (stored != null && stored.record().sameStamp(stamp.size, stamp.mtimeMillis)) {
                if (stored.record().status() == FileStatus.SKIPPED) {
                    plan.stillUnreadable++;
                    continue;
                }
                if (stored.models().containsAll(modelNames)) {
                    plan.unchanged++;
                    continue;
                }
            }
            plan.todo.add(path);
            plan.stamps.put(path, stamp);
        }
        return plan;
    }

    private void embed(Path root, Plan plan, IndexStore store, ProgressReporter progress,
                       List<IndexingReport.Skipped> skipped) throws IOException, InterruptedException {
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(models, decoder, options.batchSize(), options.workers());
             Progress bar = progress.start("indexing", plan.todo.size(), ProgressUnit.ITEMS);
             Committer committer = new Committer(store)) {
            pipeline.run(plan.todo.stream().map(root::resolve).iterator(), item -> {
                String path = plan.todo.get(committer.seen);
                Stamp stamp = plan.stamps.get(path);
                if (item.ok()) {
                    committer.put(FileRecord.ok(path, stamp.size, stamp.mtimeMillis, item.sha256(), item.width(),
                            item.height()), vectors(item));
                } else {
                    if (options.strict()) {
                        throw new UncheckedIOException(new UnreadableImageException(item.error().orElseThrow()));
                    }
                    String error = item.error().orElseThrow().getMessage();
                    skipped.add(new IndexingReport.Skipped(path, error));
                    committer.skip(path, stamp, error);
                    bar.message("skipped " + skipped.size());
                }
                bar.step(1);
            });
            committer.commit();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<String, float[]> vectors(EmbeddedImage item) {
        Map<String, float[]> byModel = new HashMap<>();
        for (int m = 0; m < models.size(); m++) {
            byModel.put(models.get(m).spec().name(), VectorUtil.l2Normalized(item.vectors().get(m)));
        }
        return byModel;
    }

    private record Stamp(long size, long mtimeMillis) {
    }

    /** Which files to embed, and how many need nothing. */
    private static final class Plan {
        final List<String> todo = new ArrayList<>();
        final Map<String, Stamp> stamps = new HashMap<>();
        int unchanged;
        int stillUnreadable;
    }

    /** Fills write batches and commits each one when it holds a batch's worth of files. */
    private final class Committer implements AutoCloseable {
        private final IndexStore store;
        private WriteBatch batch;
        int seen;

        Committer(IndexStore store) throws IOException {
            this.store = store;
            this.batch = store.beginBatch();
        }

        void put(FileRecord record, Map<String, float[]> vectors) {
            batch.putFile(record, vectors);
            advance();
        }

        void skip(String path, Stamp stamp, String error) {
            batch.markSkipped(path, stamp.size, stamp.mtimeMillis, error);
            advance();
        }

        private void advance() {
            seen++;
            if (batch.size() >= options.batchSize()) {
                try {
                    commit();
                    batch = store.beginBatch();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        void commit() throws IOException {
            if (batch.size() > 0) {
                batch.commit();
            }
        }

        @Override
        public void close() {
            batch.close();
        }
    }
}
