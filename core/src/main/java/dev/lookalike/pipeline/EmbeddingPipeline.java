package dev.lookalike.pipeline;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecodeException;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.model.ImageModel;
import dev.lookalike.model.Sha256;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Embeds image files with one or more models.
 *
 * <p>Worker threads decode each image once and preprocess it straight into the batch buffer of
 * every model, while the calling thread runs inference on the previous batch: at most two batches
 * are in memory at any time, whatever the number of files. Results come out in input order.
 * One pipeline runs one {@link #run} at a time.
 */
public final class EmbeddingPipeline implements AutoCloseable {

    private final List<ImageModel> models;
    private final ImageDecoder decoder;
    private final int batchSize;
    private final ExecutorService workers;
    private final StageTimes times = new StageTimes();

    /**
     * @param models    the models to embed with; vectors come out in this order
     * @param decoder   how image files become pixels
     * @param batchSize images per inference call, at least 1
     * @param workers   decoding threads, at least 1
     */
    public EmbeddingPipeline(List<ImageModel> models, ImageDecoder decoder, int batchSize, int workers) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("batch size and workers must be positive: " + batchSize + ", " + workers);
        }
        this.models = List.copyOf(models);
        this.decoder = decoder.forResizeEdge(ImageModel.resizeEdge(models));
        this.batchSize = batchSize;
        this.workers = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "lookalike-decode");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Time spent per stage so far. */
    public StageTimes times() {
        return times;
    }

    /**
     * Embeds every file, handing each outcome to {@code sink} in input order, batch by batch.
     * An unreadable file is an outcome with its error, never an exception.
     *
     * @throws InterruptedException when the calling thread is interrupted
     */
    public void run(Iterator<Path> files, Consumer<EmbeddedImage> sink) throws InterruptedException {
        Batch filling = files.hasNext() ? submit(files, new Batch()) : null;
        Batch spare = null; // the second batch's buffers, made only when there is a second batch
        while (filling != null) {
            Batch ready = filling;
            filling = files.hasNext() ? submit(files, spare != null ? spare : new Batch()) : null;
            finish(ready, sink);
            spare = ready;
        }
    }

    private Batch submit(Iterator<Path> files, Batch batch) {
        batch.tasks.clear();
        for (int slot = 0; slot < batchSize && files.hasNext(); slot++) {
            Path file = files.next();
            int target = slot;
            batch.tasks.add(workers.submit(() -> load(file, batch, target)));
        }
        return batch;
    }

    private Loaded load(Path file, Batch batch, int slot) {
        long start = System.nanoTime();
        byte[] bytes = null;
        DecodedImage image;
        try {
            bytes = ImageDecoder.readFile(file);
            image = decoder.decode(bytes, file);
        } catch (ImageDecodeException e) {
            return new Loaded(file, bytes == null ? 0 : bytes.length, "", 0, 0, e);
        } finally {
            times.addDecode(System.nanoTime() - start);
        }
        String sha256 = Sha256.of(bytes);
        long preprocessStart = System.nanoTime();
        for (int m = 0; m < models.size(); m++) {
            models.get(m).preprocessInto(image, batch.inputs[m], slot);
        }
        times.addPreprocess(System.nanoTime() - preprocessStart);
        return new Loaded(file, bytes.length, sha256, image.width(), image.height(), null);
    }

    private void finish(Batch batch, Consumer<EmbeddedImage> sink) throws InterruptedException {
        List<Loaded> loaded = new ArrayList<>(batch.tasks.size());
        for (Future<Loaded> task : batch.tasks) {
            loaded.add(await(task));
        }
        int okCount = compact(batch, loaded);
        List<float[][]> vectors = new ArrayList<>(models.size());
        if (okCount > 0) {
            long start = System.nanoTime();
            for (int m = 0; m < models.size(); m++) {
                vectors.add(models.get(m).embedBatch(batch.inputs[m], okCount));
            }
            times.addInference(System.nanoTime() - start);
        }
        int next = 0;
        for (Loaded item : loaded) {
            if (item.error != null) {
                sink.accept(new EmbeddedImage(item.file, item.size, item.sha256, 0, 0, List.of(),
                        Optional.of(item.error)));
                continue;
            }
            List<float[]> perModel = new ArrayList<>(models.size());
            for (float[][] modelVectors : vectors) {
                perModel.add(modelVectors[next]);
            }
            next++;
            sink.accept(new EmbeddedImage(item.file, item.size, item.sha256, item.width, item.height, perModel,
                    Optional.empty()));
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

    /** A worker's outcome; the pixels themselves are not kept once preprocessed. */
    private record Loaded(Path file, long size, String sha256, int width, int height, ImageDecodeException error) {
    }

    /** One batch's input buffers (one per model) and the tasks filling them. */
    private final class Batch {
        final FloatBuffer[] inputs = new FloatBuffer[models.size()];
        final List<Future<Loaded>> tasks = new ArrayList<>(batchSize);

        Batch() {
            for (int m = 0; m < models.size(); m++) {
                inputs[m] = models.get(m).allocateBatch(batchSize);
            }
        }
    }
}
