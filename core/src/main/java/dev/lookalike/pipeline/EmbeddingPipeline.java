package dev.lookalike.pipeline;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.Sha256;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Embeds images with one or more models.
 *
 * <p>Worker threads read and decode each image once and preprocess it straight into the batch
 * buffer of every model, while the calling thread runs inference on the previous batch: at most two
 * batches are in memory at any time, whatever the number of images. Results come out in input
 * order. With {@code workers = 0} the pipeline splits the cores itself: after every batch it sets
 * the decoding threads to what keeps inference fed and no more ({@link #split()} says what it
 * chose and why). A batch whose inference fails is embedded again one image at a time, so that
 * only the images that fail alone come out with an error. One pipeline runs one run at a time.
 */
public final class EmbeddingPipeline implements AutoCloseable {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final List<ImageModel> models;
    private final ImageDecoder decoder;
    private final int batchSize;
    private final ThreadPoolExecutor workers;
    private final StageBalance balance;
    private final StageTimes times = new StageTimes();

    /**
     * @param models    the models to embed with; vectors come out in this order
     * @param decoder   how image files become pixels
     * @param batchSize images per inference call, at least 1
     * @param workers   decoding threads; 0 lets the pipeline choose between 1 and the available cores
     */
    public EmbeddingPipeline(List<ImageModel> models, ImageDecoder decoder, int batchSize, int workers) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (batchSize < 1 || workers < 0) {
            throw new IllegalArgumentException(
                    "batch size must be positive and workers not negative: " + batchSize + ", " + workers);
        }
        this.models = List.copyOf(models);
        this.decoder = decoder.forResizeEdge(ImageModel.resizeEdge(models));
        this.batchSize = batchSize;
        this.balance = new StageBalance(workers);
        this.workers = new ThreadPoolExecutor(
                balance.workers(), balance.workers(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "lookalike-decode");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Time spent per stage so far. */
    public StageTimes times() {
        return times;
    }

    /** How the cores are shared between decoding and inference now, and the costs that decided it. */
    public StageSplit split() {
        return balance.split();
    }

    /**
     * Embeds every file, handing each outcome to {@code sink} in input order, batch by batch.
     * An unreadable file is an outcome with its error, never an exception.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public void run(Iterator<Path> files, Consumer<EmbeddedImage> sink) throws InterruptedException {
        Run run = new Run(new Iterator<ImageSource>() {
            @Override
            public boolean hasNext() {
                return files.hasNext();
            }

            @Override
            public ImageSource next() {
                return ImageSource.file(files.next());
            }
        });
        for (List<EmbeddedImage> batch = run.nextBatch(); !batch.isEmpty(); batch = run.nextBatch()) {
            batch.forEach(sink);
        }
    }

    /**
     * The outcomes of {@code sources}, in their order, computed a batch ahead as the iterator is
     * consumed: for callers that pull (a Spark partition, say). An interrupt while waiting ends the
     * iteration with a {@link CancellationException}, the thread's interrupt flag set again.
     */
    public Iterator<EmbeddedImage> embed(Iterator<? extends ImageSource> sources) {
        Run run = new Run(sources);
        return new Iterator<>() {
            private Iterator<EmbeddedImage> batch = List.<EmbeddedImage>of().iterator();

            @Override
            public boolean hasNext() {
                while (!batch.hasNext()) {
                    List<EmbeddedImage> next;
                    try {
                        next = run.nextBatch();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while embedding");
                    }
                    if (next.isEmpty()) {
                        return false;
                    }
                    batch = next.iterator();
                }
                return true;
            }

            @Override
            public EmbeddedImage next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    /** One pass over the sources: the batch being decoded and the spare buffers for the next. */
    private final class Run {
        private final Iterator<? extends ImageSource> sources;
        private Batch filling;
        private Batch spare; // the second batch's buffers, made only when there is a second batch

        Run(Iterator<? extends ImageSource> sources) {
            this.sources = sources;
            this.filling = sources.hasNext() ? submit(new Batch()) : null;
        }

        /** The next batch's outcomes, in order; empty at the end. */
        List<EmbeddedImage> nextBatch() throws InterruptedException {
            if (filling == null) {
                return List.of();
            }
            Batch ready = filling;
            filling = sources.hasNext() ? submit(spare != null ? spare : new Batch()) : null;
            List<EmbeddedImage> out = finish(ready);
            spare = ready;
            return out;
        }

        private Batch submit(Batch batch) {
            batch.tasks.clear();
            for (int slot = 0; slot < batchSize && sources.hasNext(); slot++) {
                ImageSource source = sources.next();
                int target = slot;
                batch.tasks.add(workers.submit(() -> load(source, batch, target)));
            }
            return batch;
        }
    }

    private Loaded load(ImageSource source, Batch batch, int slot) {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        byte[] bytes = null;
        String sha256 = "";
        DecodedImage image;
        try {
            bytes = source.read();
            sha256 = Sha256.of(bytes);
            image = decoder.decode(bytes, source.path());
        } catch (ImageDecodeException e) {
            times.addDecode(System.nanoTime() - start);
            return new Loaded(
                    source.path(),
                    bytes == null ? 0 : bytes.length,
                    sha256,
                    0,
                    0,
                    e,
                    CPU.getCurrentThreadCpuTime() - cpuStart);
        }
        long preprocessStart = System.nanoTime();
        times.addDecode(preprocessStart - start);
        for (int m = 0; m < models.size(); m++) {
            models.get(m).preprocessInto(image, batch.inputs[m], slot);
        }
        long end = System.nanoTime();
        times.addPreprocess(end - preprocessStart);
        return new Loaded(
                source.path(),
                bytes.length,
                sha256,
                image.width(),
                image.height(),
                null,
                CPU.getCurrentThreadCpuTime() - cpuStart);
    }

    private List<EmbeddedImage> finish(Batch batch) throws InterruptedException {
        List<Loaded> loaded = new ArrayList<>(batch.tasks.size());
        long decodeNanos = 0;
        for (Future<Loaded> task : batch.tasks) {
            Loaded item = await(task);
            loaded.add(item);
            decodeNanos += item.nanos;
        }
        int okCount = compact(batch, loaded);
        batch.failures = null;
        List<float[][]> vectors = List.of();
        long inferenceNanos = 0;
        if (okCount > 0) {
            long start = System.nanoTime();
            vectors = infer(batch, okCount);
            inferenceNanos = System.nanoTime() - start;
            times.addInference(inferenceNanos);
        }
        resize(balance.update(okCount, decodeNanos, inferenceNanos));
        List<EmbeddedImage> out = new ArrayList<>(loaded.size());
        int next = 0;
        for (Loaded item : loaded) {
            if (item.error != null) {
                out.add(failed(item, item.error));
                continue;
            }
            int row = next++;
            if (batch.failures != null && batch.failures[row] != null) {
                out.add(failed(
                        item,
                        new ImageDecodeException(item.file, "embedding failed: " + firstLine(batch.failures[row]))));
                continue;
            }
            List<float[]> perModel = new ArrayList<>(models.size());
            for (float[][] modelVectors : vectors) {
                perModel.add(modelVectors[row]);
            }
            out.add(new EmbeddedImage(
                    item.file, item.size, item.sha256, item.width, item.height, perModel, Optional.empty()));
        }
        return out;
    }

    /** Every model's vectors for the first {@code count} slots; on a failed batch, image by image (null where one fails). */
    private List<float[][]> infer(Batch batch, int count) {
        List<float[][]> vectors = new ArrayList<>(models.size());
        try {
            for (int m = 0; m < models.size(); m++) {
                vectors.add(models.get(m).embedBatch(batch.inputs[m], count));
            }
            return vectors;
        } catch (RuntimeException e) {
            if (count == 1) {
                throw e;
            }
            return inferOneByOne(batch, count, e);
        }
    }

    private List<float[][]> inferOneByOne(Batch batch, int count, RuntimeException batchFailure) {
        List<float[][]> vectors = new ArrayList<>(models.size());
        batch.failures = new RuntimeException[count];
        int succeeded = 0;
        for (int m = 0; m < models.size(); m++) {
            vectors.add(new float[count][]);
        }
        for (int i = 0; i < count; i++) {
            try {
                float[][] one = new float[models.size()][];
                for (int m = 0; m < models.size(); m++) {
                    FloatBuffer single = models.get(m).allocateBatch(1);
                    int size = single.capacity();
                    single.put(0, batch.inputs[m], i * size, size);
                    one[m] = models.get(m).embedBatch(single, 1)[0];
                }
                for (int m = 0; m < models.size(); m++) {
                    vectors.get(m)[i] = one[m];
                }
                succeeded++;
            } catch (RuntimeException e) {
                batch.failures[i] = e;
            }
        }
        if (succeeded == 0) {
            throw batchFailure; // not one image's fault: the model or the runtime fails every input
        }
        return vectors;
    }

    private static String firstLine(RuntimeException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.lines().findFirst().orElse(text);
    }

    private static EmbeddedImage failed(Loaded item, ImageDecodeException error) {
        return new EmbeddedImage(item.file, item.size, item.sha256, 0, 0, List.of(), Optional.of(error));
    }

    private void resize(int threads) {
        if (threads > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(threads);
            workers.setCorePoolSize(threads);
        } else if (threads < workers.getCorePoolSize()) {
            workers.setCorePoolSize(threads);
            workers.setMaximumPoolSize(threads);
        }
    }

    /** Moves the inputs of decoded images down over the slots of failed ones; returns how many remain. */
    private int compact(Batch batch, List<Loaded> loaded) {
        int target = 0;
        for (int slot = 0; slot < loaded.size(); slot++) {
            if (loaded.get(slot).error != null) {
                continue;
            }
            if (target != slot) {
                for (int m = 0; m < models.size(); m++) {
                    FloatBuffer input = batch.inputs[m];
                    int size = input.capacity() / batchSize;
                    input.put(target * size, input, slot * size, size);
                }
            }
            target++;
        }
        return target;
    }

    private static Loaded await(Future<Loaded> task) throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** A worker's outcome and the CPU time it took; the pixels themselves are not kept once preprocessed. */
    private record Loaded(
            Path file, long size, String sha256, int width, int height, ImageDecodeException error, long nanos) {}

    /** One batch's input buffers (one per model) and the tasks filling them. */
    private final class Batch {
        final FloatBuffer[] inputs = new FloatBuffer[models.size()];
        final List<Future<Loaded>> tasks = new ArrayList<>(batchSize);
        RuntimeException[] failures; // per ok slot, when the batch was embedded one by one

        Batch() {
            for (int m = 0; m < models.size(); m++) {
                inputs[m] = models.get(m).allocateBatch(batchSize);
            }
        }
    }
}
