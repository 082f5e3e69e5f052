package dev.lookalike.benchmark;

import dev.lookalike.Lookalike;
import dev.lookalike.indexing.Indexer;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.io.FileTrees;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.pipeline.EmbeddingPipeline;
import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.QueryVectors;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.StoredVectors;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs the copy-detection benchmark: extracts the references' vectors into an index (one model
 * at a time, so each model's throughput is its own), embeds the queries, ranks every query by
 * exact search per model and fusion, and scores the rankings.
 *
 * <pre>{@code
 * CopyDetectionSet set = CopyDetectionSet.load(queries, references, groundTruth, Optional.empty(), -1);
 * BenchmarkResult result = new CopyDetectionBenchmark(lookalike, BenchmarkOptions.defaults(), progress)
 *         .run(set, ModelSelection.of(List.of("clip", "dinov2", "clip+dinov2")));
 * }</pre>
 */
public final class CopyDetectionBenchmark {

    private final Lookalike lookalike;
    private final BenchmarkOptions options;
    private final ProgressReporter progress;

    /**
     * @param lookalike loads the models and decodes images
     * @param options   k, batching, the index
     * @param progress  where extraction reports progress
     */
    public CopyDetectionBenchmark(Lookalike lookalike, BenchmarkOptions options, ProgressReporter progress) {
        this.lookalike = lookalike;
        this.options = options;
        this.progress = progress;
    }

    /** Runs the models and fusions named over {@code set}. */
    public BenchmarkResult run(CopyDetectionSet set, ModelSelection names) throws IOException, InterruptedException {
        return run(set, names, Map.of());
    }

    /**
     * As {@link #run(CopyDetectionSet, ModelSelection)}, with the references' vectors of some models taken
     * from elsewhere (such as a Parquet export) instead of extracted; each must come from the same
     * model as the one loaded under that name, and its paths' file names are the reference ids. Only
     * the rows of the set's references are scored (see {@link CopyDetectionSet#referenceVectors}).
     *
     * @param precomputed reference vectors by plain model name
     * @throws DatasetException when some reference of the set has no precomputed vector
     */
    public BenchmarkResult run(CopyDetectionSet set, ModelSelection names, Map<String, StoredVectors> precomputed)
            throws IOException, InterruptedException {
        Instant started = Instant.now();
        List<ImageModel> models = lookalike.models(
                names.plainModels().stream().map(lookalike.catalog()::get).toList());
        Map<String, StoredVectors> references = new LinkedHashMap<>();
        Map<String, OptionalDouble> referenceSpeed = new LinkedHashMap<>();
        List<ModelIdentity> identities = new ArrayList<>();
        for (ImageModel model : models) {
            identities.add(model.identity());
            StoredVectors given = precomputed.get(model.spec().name());
            if (given != null && !given.model().equals(model.identity())) {
                throw new IllegalArgumentException(
                        "precomputed vectors of " + given.model() + " do not come from " + model.identity());
            }
            if (given != null) {
                references.put(model.spec().name(), set.referenceVectors(given, set.referencesDir()));
                referenceSpeed.put(model.spec().name(), OptionalDouble.empty());
            }
        }
        List<ImageModel> toExtract = models.stream()
                .filter(m -> !references.containsKey(m.spec().name()))
                .toList();
        if (!toExtract.isEmpty()) {
            extract(set.referencesDir(), options.index(), toExtract, references, referenceSpeed);
        }
        Map<String, QueryVectors> queries = new LinkedHashMap<>();
        Map<String, OptionalDouble> querySpeed = new LinkedHashMap<>();
        Set<String> unreadable = new LinkedHashSet<>();
        for (ImageModel model : models) {
            long start = System.nanoTime();
            QueryVectors vectors = embedQueries(set, model, unreadable);
            double seconds = (System.nanoTime() - start) / 1e9;
            queries.put(model.spec().name(), vectors);
            querySpeed.put(model.spec().name(), speed(vectors.ids().size(), seconds));
        }
        Optional<BackgroundCalibration> calibration = Optional.empty();
        if (options.background().isPresent()) {
            BackgroundOptions background = options.background().get();
            Map<String, StoredVectors> vectors = new LinkedHashMap<>();
            extract(
                    background.images(),
                    options.index().map(i -> i.resolveSibling(i.getFileName() + "-background")),
                    models,
                    vectors,
                    new LinkedHashMap<>());
            calibration =
                    Optional.of(BackgroundCalibration.learn(background, references, queries, vectors, options.k()));
        }
        return score(
                set,
                names,
                new VectorRanker(references, queries, options.k()),
                calibration,
                identities,
                started,
                referenceSpeed,
                querySpeed,
                List.copyOf(unreadable),
                indexedCount(references));
    }

    /** Indexes the images of {@code images} with each model into {@code index} (a temporary one when empty). */
    private void extract(
            Path images,
            Optional<Path> index,
            List<ImageModel> models,
            Map<String, StoredVectors> into,
            Map<String, OptionalDouble> speeds)
            throws IOException, InterruptedException {
        Path temporary = index.isEmpty() ? Files.createTempDirectory("lookalike-bench-") : null;
        Path dir = index.orElseGet(() -> temporary.resolve("index"));
        try (IndexStore store =
                IndexStore.openOrCreate(dir, images.toAbsolutePath().normalize().toString(), Lookalike.VERSION)) {
            IndexingOptions indexing = new IndexingOptions(options.batchSize(), options.workers(), false, false);
            for (ImageModel model : models) {
                IndexingReport report =
                        new Indexer(List.of(model), lookalike.decoder(), indexing).index(images, store, progress);
                speeds.put(
                        model.spec().name(),
                        report.embedded() == 0 ? OptionalDouble.empty() : OptionalDouble.of(report.imagesPerSecond()));
                into.put(model.spec().name(), store.vectors(model.identity()));
            }
        } finally {
            if (temporary != null) {
                FileTrees.deleteTree(temporary);
            }
        }
    }

    private QueryVectors embedQueries(CopyDetectionSet set, ImageModel model, Set<String> unreadable)
            throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<String> order = List.copyOf(set.queryFiles().keySet());
        try (EmbeddingPipeline pipeline = new EmbeddingPipeline(
                        List.of(model), lookalike.decoder(), options.batchSize(), options.workers());
                Progress bar = progress.start("queries " + model.spec().name(), order.size(), ProgressUnit.ITEMS)) {
            int[] next = {0};
            pipeline.run(set.queryFiles().values().iterator(), item -> {
                String id = order.get(next[0]++);
                if (item.ok()) {
                    ids.add(id);
                    vectors.add(VectorUtil.l2Normalized(item.vectors().getFirst()));
                } else {
                    unreadable.add(id);
                }
                bar.step(1);
            });
        }
        return new QueryVectors(model.identity(), ids, vectors.toArray(float[][]::new));
    }

    private BenchmarkResult score(
            CopyDetectionSet set,
            ModelSelection names,
            VectorRanker ranker,
            Optional<BackgroundCalibration> calibration,
            List<ModelIdentity> identities,
            Instant started,
            Map<String, OptionalDouble> referenceSpeed,
            Map<String, OptionalDouble> querySpeed,
            List<String> unreadable,
            int indexed) {
        GroundTruth truth = set.groundTruth();
        List<ModelResult> results = new ArrayList<>();
        for (ModelChoice choice : names.choices()) {
            String name = choice.name();
            VectorRanker.Ranked ranked = ranker.rank(choice);
            Map<Variant, ModelResult> variants = new EnumMap<>(Variant.class);
            if (calibration.isPresent()) {
                calibration
                        .get()
                        .variants(choice, ranked)
                        .forEach((variant, r) -> variants.put(
                                variant,
                                result(choice, truth, r, OptionalDouble.empty(), OptionalDouble.empty(), Map.of())));
            }
            results.add(result(
                    choice,
                    truth,
                    ranked,
                    referenceSpeed.getOrDefault(name, OptionalDouble.empty()),
                    querySpeed.getOrDefault(name, OptionalDouble.empty()),
                    variants));
        }
        List<Predictions> all = results.stream().map(ModelResult::predictions).toList();
        RunSettings settings = new RunSettings(
                names.names(),
                identities,
                set.queriesDir(),
                set.referencesDir(),
                set.groundTruthFile(),
                set.editsFile().orElse(null),
                truth.size(),
                truth.pairCount(),
                set.referenceFiles().size(),
                options.k(),
                options.index().orElse(null),
                Runtime.getRuntime().availableProcessors(),
                RunSettings.thisOs(),
                RunSettings.thisJdk(),
                started);
        return new BenchmarkResult(
                settings,
                results,
                Evaluation.overlaps(truth, all),
                set.edits().map(log -> EditBreakdown.of(truth, log, all)).orElse(List.of()),
                unreadable,
                indexed,
                calibration.map(BackgroundCalibration::settings));
    }

    private static ModelResult result(
            ModelChoice choice,
            GroundTruth truth,
            VectorRanker.Ranked ranked,
            OptionalDouble referenceSpeed,
            OptionalDouble querySpeed,
            Map<Variant, ModelResult> variants) {
        Predictions predictions = ranked.predictions();
        return new ModelResult(
                choice,
                ArticleMetrics.of(truth, predictions),
                IscMetrics.of(truth, predictions),
                referenceSpeed,
                querySpeed,
                ranked.searchSeconds(),
                predictions,
                variants);
    }

    private static int indexedCount(Map<String, StoredVectors> references) {
        return references.values().stream().mapToInt(StoredVectors::count).min().orElse(0);
    }

    private static OptionalDouble speed(int images, double seconds) {
        return images == 0 || seconds <= 0 ? OptionalDouble.empty() : OptionalDouble.of(images / seconds);
    }
}
