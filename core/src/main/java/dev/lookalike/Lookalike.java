package dev.lookalike;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.FaissImporter;
import dev.lookalike.indexing.Indexer;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelNameException;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.Fusion;
import dev.lookalike.search.IndexSearcher;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.search.Similarity;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's front door: compare images, index a folder, search an index, with models loaded
 * once and reused. The command-line tool is a thin layer over this class.
 *
 * <pre>{@code
 * try (Lookalike lookalike = Lookalike.builder().build()) {
 *     double score = lookalike.compare(a, b, "dinov2").score();
 *     lookalike.index(photos, index, List.of("clip", "dinov2"));
 *     try (IndexSearcher searcher = IndexSearcher.open(index)) {
 *         SearchResults results = lookalike.search(searcher, query, List.of("clip", "dinov2"), 5);
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; close it to free the models' native sessions.
 */
public final class Lookalike implements AutoCloseable {

    /** The version recorded in the indexes this library writes. */
    public static final String VERSION = "0.1.0";

    private final ModelLoader loader;
    private final ImageDecoder decoder;
    private final ProgressReporter progress;
    private final ModelCatalog catalog;
    private final Map<ModelSpec, ImageModel> models = new LinkedHashMap<>();

    private Lookalike(Builder builder) {
        ModelHub hub = new ModelHub(builder.hubSettings, builder.progress);
        this.loader = new ModelLoader(hub, builder.embedderOptions);
        this.decoder = new ImageDecoder(builder.decodeOptions);
        this.progress = builder.progress;
        this.catalog = builder.catalog;
    }

    /** A builder with the defaults: the standard cache and hub settings, automatic device, no progress output. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decoder configured for this instance. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /** The models this instance knows by name. */
    public ModelCatalog catalog() {
        return catalog;
    }

    /** The model with this name in the catalog, loaded on first use (downloading it if needed). */
    public ImageModel model(String name) throws IOException {
        return model(catalog.get(name));
    }

    /** The model, loaded on first use (downloading it if needed) and kept until {@link #close}. */
    public synchronized ImageModel model(ModelSpec spec) throws IOException {
        ImageModel model = models.get(spec);
        if (model == null) {
            model = loader.load(spec);
            models.put(spec, model);
        }
        return model;
    }

    /** The models, in order. */
    public List<ImageModel> models(List<ModelSpec> specs) throws IOException {
        List<ImageModel> loaded = new ArrayList<>(specs.size());
        for (ModelSpec spec : specs) {
            loaded.add(model(spec));
        }
        return loaded;
    }

    /**
     * The ONNX model's directory with every file it needs, downloading what is missing.
     *
     * @throws ModelNameException for a computed model, which has no files
     */
    public Path fetch(ModelSpec spec) throws IOException {
        return loader.fetch(onnx(spec, "has no files to fetch"));
    }

    /**
     * The ONNX model's preprocessing alone (only its {@code preprocessor_config.json} is fetched).
     *
     * @throws ModelNameException for a computed model, which has no preprocessor_config.json
     */
    public Preprocessor preprocessor(ModelSpec spec) throws IOException {
        return loader.preprocessor(onnx(spec, "has no preprocessor_config.json"));
    }

    private static OnnxModelSpec onnx(ModelSpec spec, String lacking) {
        if (spec instanceof OnnxModelSpec onnx) {
            return onnx;
        }
        throw new ModelNameException("model " + spec.name() + " is computed by lookalike and " + lacking);
    }

    /** How alike two image files are for one model of the catalog. */
    public Similarity compare(Path a, Path b, String model) throws IOException {
        return Similarity.between(model(model), decoder.decode(a), decoder.decode(b));
    }

    /** Indexes {@code folder} into {@code index} (created if needed) with the models of the catalog named. */
    public IndexingReport index(Path folder, Path index, List<String> modelNames)
            throws IOException, InterruptedException {
        return index(folder, index, modelNames.stream().map(catalog::get).toList(), IndexingOptions.defaults());
    }

    /**
     * Indexes {@code folder} into {@code index}, creating the index if needed and resuming or
     * updating it otherwise.
     */
    public IndexingReport index(Path folder, Path index, List<ModelSpec> specs, IndexingOptions options)
            throws IOException, InterruptedException {
        List<ImageModel> loaded = models(specs);
        String root = folder.toAbsolutePath().normalize().toString();
        try (IndexStore store = IndexStore.openOrCreate(index, root, VERSION)) {
            return new Indexer(loaded, decoder, options).index(folder, store, progress);
        }
    }

    /**
     * Imports a FAISS flat index file and its list of image paths (the reference article's
     * output) into {@code index} as the vectors of {@code spec}; the images must exist under
     * {@code root}. Returns the number of images imported.
     */
    public int importFaiss(Path faissFile, Path idsFile, Path root, Path index, ModelSpec spec) throws IOException {
        ModelIdentity identity = loader.identity(spec);
        String rootName = root.toAbsolutePath().normalize().toString();
        try (IndexStore store = IndexStore.openOrCreate(index, rootName, VERSION)) {
            return new FaissImporter(decoder, IndexingOptions.defaults().batchSize() * 64)
                    .importFlat(faissFile, idsFile, root, store, identity);
        }
    }

    /** The nearest indexed images to the image file {@code query}, per model, side by side. */
    public SearchResults search(VectorSearcher searcher, Path query, List<ModelSpec> specs, int k) throws IOException {
        DecodedImage image = decoder.decode(query);
        return searcher.search(query.toString(), image, models(specs), k);
    }

    /**
     * The nearest indexed images to the image file {@code query} for each model and fusion of
     * {@code models}, side by side; each plain model embeds the query once. Fusions join the
     * components' stored vectors, so they need a local index.
     */
    public SearchResults search(VectorSearcher searcher, Path query, ModelSelection models, int k) throws IOException {
        List<ModelSpec> specs = specs(models);
        DecodedImage image = decoder.decode(query);
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, ModelIdentity> identities = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            ImageModel model = model(spec);
            vectors.put(spec.name(), model.embed(image));
            identities.put(spec.name(), model.identity());
        }
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (String name : models.names()) {
            if (!Fusion.isFusion(name)) {
                byModel.put(name, searcher.search(identities.get(name), vectors.get(name), k));
                continue;
            }
            if (!(searcher instanceof IndexSearcher local)) {
                throw new ModelNameException("fusion " + name + " needs a local index; search it with --index");
            }
            Fusion fusion = Fusion.parse(name);
            byModel.put(name, local.fusions().search(fusion, fusion.components().stream().map(identities::get).toList(),
                    fusion.components().stream().map(vectors::get).toList(), k));
        }
        return new SearchResults(query.toString(), byModel);
    }

    /**
     * How alike two image files are for each model and fusion of {@code models}: a fusion's
     * cosine is the mean of its components' cosines. Reciprocal-rank fusions rank search results
     * and have no pairwise cosine, so they are refused here.
     */
    public List<Similarity> compare(Path a, Path b, ModelSelection models) throws IOException {
        List<ModelSpec> specs = specs(models);
        refuseRankFusions(models);
        DecodedImage imageA = decoder.decode(a);
        DecodedImage imageB = decoder.decode(b);
        Map<String, Similarity> plain = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            plain.put(spec.name(), Similarity.between(model(spec), imageA, imageB));
        }
        List<Similarity> results = new ArrayList<>();
        for (String name : models.names()) {
            if (!Fusion.isFusion(name)) {
                results.add(plain.get(name));
                continue;
            }
            Fusion fusion = Fusion.parse(name);
            double mean = fusion.components().stream().mapToDouble(c -> plain.get(c).cosine()).average().orElseThrow();
            results.add(new Similarity(name, mean));
        }
        return results;
    }

    /** Fails on a reciprocal-rank fusion, before any image is read or model run: it has no pairwise score. */
    private static void refuseRankFusions(ModelSelection models) {
        for (String name : models.names()) {
            Fusion fusion = Fusion.isFusion(name) ? Fusion.parse(name) : null;
            if (fusion != null && fusion.method() != Fusion.Method.MEAN) {
                throw new ModelNameException(name + ": reciprocal-rank fusion ranks search results; compare"
                        + " two images with the mean cosine (" + String.join("+", fusion.components()) + ")");
            }
        }
    }

    /** The catalog's specs of the plain models of a selection; an unknown name fails before any model loads. */
    private List<ModelSpec> specs(ModelSelection models) {
        return models.plainModels().stream().map(catalog::get).toList();
    }

    @Override
    public synchronized void close() {
        models.values().forEach(ImageModel::close);
        models.clear();
    }

    /** Settings for a {@link Lookalike}. */
    public static final class Builder {
        private HubSettings hubSettings = HubSettings.fromEnvironment(null);
        private EmbedderOptions embedderOptions = EmbedderOptions.defaults();
        private DecodeOptions decodeOptions = DecodeOptions.DEFAULT;
        private ProgressReporter progress = ProgressReporter.silent();
        private ModelCatalog catalog = ModelCatalog.builtins();

        private Builder() {
        }

        /** Where models come from and are cached (default: from HF_* variables and ~/.cache/lookalike). */
        public Builder hub(HubSettings settings) {
            this.hubSettings = Objects.requireNonNull(settings);
            return this;
        }

        /** Device and threads for inference (default: automatic device, all cores). */
        public Builder embedder(EmbedderOptions options) {
            this.embedderOptions = Objects.requireNonNull(options);
            return this;
        }

        /** EXIF orientation and the decompression-bomb limit (default: {@link DecodeOptions#DEFAULT}). */
        public Builder decoding(DecodeOptions options) {
            this.decodeOptions = Objects.requireNonNull(options);
            return this;
        }

        /** Where downloads and indexing report progress (default: nowhere). */
        public Builder progress(ProgressReporter reporter) {
            this.progress = Objects.requireNonNull(reporter);
            return this;
        }

        /** The models known by name (default: the built-ins; see {@link ModelCatalog#load}). */
        public Builder catalog(ModelCatalog models) {
            this.catalog = Objects.requireNonNull(models);
            return this;
        }

        public Lookalike build() {
            return new Lookalike(this);
        }
    }
}
