package dev.lookalike;

import dev.lookalike.embed.EmbedderOptions;
import dev.lookalike.hub.HubSettings;
import dev.lookalike.hub.ModelHub;
import dev.lookalike.image.DecodeMode;
import dev.lookalike.image.DecodeOptions;
import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.indexing.FaissImporter;
import dev.lookalike.indexing.Indexer;
import dev.lookalike.indexing.IndexingOptions;
import dev.lookalike.indexing.IndexingReport;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.ModelCatalog;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.ModelLoader;
import dev.lookalike.model.ModelNameException;
import dev.lookalike.model.ModelSpec;
import dev.lookalike.model.OnnxModelSpec;
import dev.lookalike.model.TextEmbedding;
import dev.lookalike.model.TextModel;
import dev.lookalike.model.TextTower;
import dev.lookalike.preprocess.Preprocessor;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.search.EmbeddedQuery;
import dev.lookalike.search.ModelChoice;
import dev.lookalike.search.ModelSelection;
import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import dev.lookalike.search.Similarity;
import dev.lookalike.search.VectorSearcher;
import dev.lookalike.search.ZeroShot;
import dev.lookalike.store.IndexStore;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The library's front door: compare images, index a folder, search an index, with models loaded
 * once and reused. The command-line tool is a thin layer over this class.
 *
 * <pre>{@code
 * try (Lookalike lookalike = Lookalike.builder().build()) {
 *     double score = lookalike.compare(a, b, ModelSelection.of("dinov2")).getFirst().score();
 *     lookalike.index(photos, index, List.of("clip", "dinov2"));
 *     try (IndexSearcher searcher = IndexSearcher.open(index)) {
 *         SearchResults results = lookalike.search(searcher, query, ModelSelection.of("clip", "dinov2", "clip+dinov2"), 5);
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; close it to free the models' native sessions.
 */
public final class Lookalike implements AutoCloseable {

    /** The version recorded in the indexes this library writes: the build's ({@code project.version}). */
    public static final String VERSION = buildVersion();

    private final ModelLoader loader;
    private final ImageDecoder decoder;
    private final ProgressReporter progress;
    private final ModelCatalog catalog;
    private final Map<ModelSpec, ImageModel> models = new LinkedHashMap<>();
    private final Map<ModelSpec, TextModel> textModels = new LinkedHashMap<>();

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

    /** The decoder for images the models of {@code specs} embed: fast decoding keeps what they resize to. */
    private ImageDecoder decoderFor(List<ModelSpec> specs) throws IOException {
        return decoder.options().mode() == DecodeMode.EXACT
                ? decoder
                : decoder.forResizeEdge(ImageModel.resizeEdge(models(specs)));
    }

    /** Refuses a query decoded otherwise than the searcher's vectors of these models. */
    private void requireDecodeMode(VectorSearcher searcher, List<ImageModel> models) throws IOException {
        for (ImageModel model : models) {
            searcher.requireDecodeMode(model.spec().name(), decoder.options().mode());
        }
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

    /** Whether the model has a text side (see {@link TextTower}); reads only its config.json. */
    public boolean hasTextSide(ModelSpec spec) throws IOException {
        return loader.textTower(spec).isPresent();
    }

    /**
     * The model's text side, loaded on first use (downloading its text tower and tokenizer if needed) and kept
     * until {@link #close}.
     *
     * @throws dev.lookalike.model.NoTextSideException when the model has none
     */
    public synchronized TextModel textModel(ModelSpec spec) throws IOException {
        TextModel model = textModels.get(spec);
        if (model == null) {
            model = loader.loadText(spec);
            textModels.put(spec, model);
        }
        return model;
    }

    /**
     * The nearest indexed images to a sentence, per model, side by side: each model's text side embeds the text
     * once, and its vector is searched among the image vectors the model stored. The index checks the identity of
     * the image tower beside the text tower, so a text tower from another model's files is refused.
     *
     * @throws IllegalArgumentException for empty text, or a model without a text side
     */
    public SearchResults searchText(VectorSearcher searcher, String text, List<ModelSpec> specs, int k)
            throws IOException {
        Map<String, List<SearchHit>> byModel = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            TextModel model = textModel(spec);
            byModel.put(
                    spec.name(),
                    searcher.search(model.identity(), model.embed(text).vector(), k));
        }
        return new SearchResults(text, byModel);
    }

    /** How alike a sentence and an image file are, per model: the cosine of the text and image vectors. */
    public List<Similarity> compareText(String text, Path image, List<ModelSpec> specs) throws IOException {
        DecodedImage decoded = decoderFor(specs).decode(image);
        List<Similarity> results = new ArrayList<>(specs.size());
        for (ModelSpec spec : specs) {
            float[] textVector = textModel(spec).embed(text).vector();
            results.add(new Similarity(
                    spec.name(), VectorUtil.cosine(textVector, model(spec).embed(decoded))));
        }
        return results;
    }

    /**
     * Zero-shot labels for image files: each label's sentence ({@code template} with the label in place of
     * {@code {}}) is embedded once, each image is given the softmax over labels (see {@link ZeroShot}).
     *
     * @return per image, in order, its labels most probable first
     */
    public List<List<ZeroShot.Label>> classify(
            List<Path> images, List<String> labels, String template, ModelSpec spec, double logitScale)
            throws IOException {
        List<String> prompts =
                labels.stream().map(label -> ZeroShot.prompt(template, label)).toList();
        float[][] sentences = textModel(spec).embed(prompts).stream()
                .map(TextEmbedding::vector)
                .toArray(float[][]::new);
        ImageModel model = model(spec);
        ImageDecoder decoding = decoder.forResizeEdge(model.resizeEdge());
        List<List<ZeroShot.Label>> results = new ArrayList<>(images.size());
        for (Path image : images) {
            results.add(ZeroShot.classify(model.embed(decoding.decode(image)), labels, prompts, sentences, logitScale));
        }
        return results;
    }

    /**
     * The single models a selection needs (fusion components included), from the catalog, in order.
     *
     * @throws dev.lookalike.model.UnknownModelException for a name the catalog lacks, before any model loads
     */
    public List<ImageModel> models(ModelSelection selection) throws IOException {
        return models(specs(selection));
    }

    /**
     * The ONNX model's directory with every file it needs, downloading what is missing.
     *
     * @throws IllegalArgumentException for a computed model, which has no files
     */
    public Path fetch(ModelSpec spec) throws IOException {
        return loader.fetch(onnx(spec, "has no files to fetch"));
    }

    /**
     * The ONNX model's preprocessing alone (only its {@code preprocessor_config.json} is fetched).
     *
     * @throws IllegalArgumentException for a computed model, which has no preprocessor_config.json
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

    /**
     * The nearest indexed images to the image file {@code query} for each model and fusion of
     * {@code models}, side by side; each single model embeds the query once. The searcher ranks
     * fusions (a local index can; see {@link VectorSearcher#search(ModelChoice, EmbeddedQuery, int)}).
     *
     * @throws dev.lookalike.model.UnknownModelException for a name the catalog lacks, before any work
     */
    public SearchResults search(VectorSearcher searcher, Path query, ModelSelection models, int k) throws IOException {
        List<ImageModel> loaded = models(models);
        requireDecodeMode(searcher, loaded);
        DecodedImage image =
                decoder.forResizeEdge(ImageModel.resizeEdge(loaded)).decode(query);
        return searcher.search(EmbeddedQuery.embed(query.toString(), image, loaded), models, k);
    }

    /**
     * How alike two image files are for each model and fusion of {@code models}: a fusion's
     * cosine is the mean of its components' cosines. Reciprocal-rank fusions rank search results
     * and have no pairwise cosine, so they are refused, before any image is read.
     */
    public List<Similarity> compare(Path a, Path b, ModelSelection models) throws IOException {
        models.choices().forEach(Similarity::requirePairwise);
        List<ModelSpec> specs = specs(models);
        ImageDecoder decoding = decoderFor(specs);
        DecodedImage imageA = decoding.decode(a);
        DecodedImage imageB = decoding.decode(b);
        Map<String, Similarity> single = new LinkedHashMap<>();
        for (ModelSpec spec : specs) {
            single.put(spec.name(), Similarity.between(model(spec), imageA, imageB));
        }
        return models.choices().stream()
                .map(choice -> Similarity.of(choice, single))
                .toList();
    }

    /** The catalog's specs of the plain models of a selection; an unknown name fails before any model loads. */
    private List<ModelSpec> specs(ModelSelection models) {
        return models.plainModels().stream().map(catalog::get).toList();
    }

    /** The version the build wrote into {@code version.properties}. */
    private static String buildVersion() {
        Properties properties = new Properties();
        try (InputStream in = Lookalike.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/lookalike/version.properties is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException(
                    "dev/lookalike/version.properties was not filled in by the build: '" + version + "'");
        }
        return version;
    }

    @Override
    public synchronized void close() {
        models.values().forEach(ImageModel::close);
        models.clear();
        textModels.values().forEach(TextModel::close);
        textModels.clear();
    }

    /** Settings for a {@link Lookalike}. */
    public static final class Builder {
        private HubSettings hubSettings = HubSettings.fromEnvironment(null);
        private EmbedderOptions embedderOptions = EmbedderOptions.defaults();
        private DecodeOptions decodeOptions = DecodeOptions.DEFAULT;
        private ProgressReporter progress = ProgressReporter.silent();
        private ModelCatalog catalog = ModelCatalog.builtins();

        private Builder() {}

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
