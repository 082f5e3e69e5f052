package dev.lookalike.indexing;

import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.Sha256;
import dev.lookalike.pipeline.EmbeddedImage;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.pipeline.StageSplit;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings an index up to date with a folder: embeds new and changed images with every model,
 * records unreadable ones with their reason, and commits batch by batch, so that a run that is
 * killed loses at most one batch and the same call resumes where it stopped.
 *
 * <p>A file is unchanged when its size and modification time match the index and the index
 * holds vectors for every model. When only its modification time changed, its content hash
 * decides: the same content keeps its vectors. Anything else is embedded again. Vectors are stored
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
     * @throws dev.lookalike.store.DecodeModeMismatchException when a model's vectors there were decoded in another mode
     * @throws UnreadableImageException in a strict run, at the first unreadable image (earlier batches stay committed)
     * @throws IOException when the folder or the index can't be read or written
     */
    public IndexingReport index(Path root, IndexStore store, ProgressReporter progress)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (ImageModel model : models) {
            store.registerModel(model.identity());
            store.registerDecodeMode(model.spec().name(), decoder.options().mode());
        }
        List<String> found = ImageWalker.list(root);
        Map<String, StoredFile> known = store.files();
        Plan plan = plan(root, found, known);
        restamp(store, plan.restamped, known);
        List<IndexingReport.Skipped> skipped = new ArrayList<>();
        Optional<StageSplit> split =
                plan.todo.isEmpty() ? Optional.empty() : Optional.of(embed(root, plan, store, progress, skipped));
        List<String> pruned = options.prune() ? store.prune(new HashSet<>(found)) : List.of();
        return new IndexingReport(
                found.size(),
                plan.todo.size() - skipped.size(),
                plan.unchanged,
                skipped,
                plan.stillUnreadable,
                pruned,
                Duration.ofNanos(System.nanoTime() - start),
                split);
    }

    private Plan plan(Path root, List<String> found, Map<String, StoredFile> known) throws IOException {
        Set<String> modelNames = new HashSet<>();
        models.forEach(model -> modelNames.add(model.spec().name()));
        Plan plan = new Plan();
        for (String path : found) {
            Optional<Stamp> stamp = stamp(root.resolve(path));
            if (stamp.isEmpty()) {
                continue; // gone since the folder was listed
            }
            StoredFile stored = known.get(path);
            switch (decide(root.resolve(path), stamp.get(), stored, modelNames)) {
                case UNCHANGED -> plan.unchanged++;
                case STILL_UNREADABLE -> plan.stillUnreadable++;
                case SAME_CONTENT -> {
                    plan.unchanged++;
                    plan.restamped.put(path, stamp.get());
                }
                case EMBED -> {
                    plan.todo.add(path);
                    plan.stamps.put(path, stamp.get());
                }
            }
        }
        return plan;
    }

    /**
     * What a file needs. Size and modification time decide; when only the time changed, the
     * content hash does (a copy or a {@code touch} needs no new embedding).
     */
    private static Decision decide(Path file, Stamp stamp, StoredFile stored, Set<String> modelNames)
            throws IOException {
        if (stored == null) {
            return Decision.EMBED;
        }
        FileRecord record = stored.record();
        if (record.status() == FileStatus.SKIPPED) {
            return record.sameStamp(stamp.size, stamp.mtimeMillis) ? Decision.STILL_UNREADABLE : Decision.EMBED;
        }
        if (!stored.models().containsAll(modelNames) || record.size() != stamp.size) {
            return Decision.EMBED;
        }
        if (record.sameStamp(stamp.size, stamp.mtimeMillis)) {
            return Decision.UNCHANGED;
        }
        return record.sha256().equals(Sha256.of(file)) ? Decision.SAME_CONTENT : Decision.EMBED;
    }

    private static Optional<Stamp> stamp(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(
                    new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void restamp(IndexStore store, Map<String, Stamp> restamped, Map<String, StoredFile> known)
            throws IOException {
        if (restamped.isEmpty()) {
            return;
        }
        try (WriteBatch batch = store.beginBatch()) {
            restamped.forEach((path, stamp) -> batch.restamp(
                    path,
                    stamp.size,
                    stamp.mtimeMillis,
                    known.get(path).record().sha256()));
            batch.commit();
        }
    }

    /** Embeds the plan's files and commits them batch by batch; returns how the cores were shared. */
    private StageSplit embed(
            Path root, Plan plan, IndexStore store, ProgressReporter progress, List<IndexingReport.Skipped> skipped)
            throws IOException, InterruptedException {
        try (EmbeddingPipeline pipeline =
                        new EmbeddingPipeline(models, decoder, options.batchSize(), options.workers());
                Progress bar = progress.start("indexing", plan.todo.size(), ProgressUnit.ITEMS);
                Committer committer = new Committer(store)) {
            pipeline.run(plan.todo.stream().map(root::resolve).iterator(), item -> {
                String path = plan.todo.get(committer.seen);
                Stamp stamp = plan.stamps.get(path);
                if (item.ok()) {
                    committer.put(
                            FileRecord.ok(
                                    path, stamp.size, stamp.mtimeMillis, item.sha256(), item.width(), item.height()),
                            vectors(item));
                } else {
                    if (options.strict()) {
                        throw new UncheckedIOException(
                                new UnreadableImageException(item.error().orElseThrow()));
                    }
                    String error = item.error().orElseThrow().getMessage();
                    skipped.add(new IndexingReport.Skipped(path, error));
                    committer.skip(path, stamp, error);
                    bar.message("skipped " + skipped.size());
                }
                bar.step(1);
            });
            committer.commit();
            return pipeline.split();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Map<String, float[]> vectors(EmbeddedImage item) {
        Map<String, float[]> byModel = new HashMap<>();
        for (int m = 0; m < models.size(); m++) {
            byModel.put(
                    models.get(m).spec().name(),
                    VectorUtil.l2Normalized(item.vectors().get(m)));
        }
        return byModel;
    }

    private record Stamp(long size, long mtimeMillis) {}

    private enum Decision {
        UNCHANGED,
        STILL_UNREADABLE,
        SAME_CONTENT,
        EMBED
    }

    /** Which files to embed, and how many need nothing. */
    private static final class Plan {
        final List<String> todo = new ArrayList<>();
        final Map<String, Stamp> stamps = new HashMap<>();
        final Map<String, Stamp> restamped = new HashMap<>();
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
