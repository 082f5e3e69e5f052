package dev.lookalike.indexing;

import dev.lookalike.image.DecodedImage;
import dev.lookalike.image.ImageDecoder;
import dev.lookalike.knn.faiss.FaissFlatFile;
import dev.lookalike.model.ModelIdentity;
import dev.lookalike.model.Sha256;
import dev.lookalike.store.FileRecord;
import dev.lookalike.store.IndexStore;
import dev.lookalike.store.WriteBatch;
import dev.lookalike.vector.VectorUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Brings vectors made elsewhere into an index: a FAISS {@code IndexFlatL2}/{@code IndexFlatIP}
 * file and the list of image paths of its rows, which is what the reference article's script
 * writes. Each image must exist under the given folder: its record (size, time, hash, pixel size)
 * comes from the file itself, so the index stays as trustworthy as one built by {@link Indexer}.
 */
public final class FaissImporter {

    private final ImageDecoder decoder;
    private final int batchSize;

    /**
     * @param decoder   reads each image's pixel size (and proves it is readable)
     * @param batchSize rows per committed batch
     */
    public FaissImporter(ImageDecoder decoder, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.decoder = decoder;
        this.batchSize = batchSize;
    }

    /**
     * Imports every row of {@code faissFile} as the vector of {@code model} for the image named on
     * the same line of {@code idsFile} (relative to {@code root}, or absolute inside it).
     *
     * @return the number of rows imported
     * @throws IllegalArgumentException when the files disagree (row count, dimension) or a path lies outside root
     * @throws IOException when a file can't be read or an image is unreadable
     */
    public int importFlat(Path faissFile, Path idsFile, Path root, IndexStore store, ModelIdentity model)
            throws IOException {
        FaissFlatFile.Contents contents = FaissFlatFile.read(faissFile);
        List<String> ids = Files.readAllLines(idsFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        if (ids.size() != contents.count()) {
            throw new IllegalArgumentException(idsFile + " lists " + ids.size() + " images but " + faissFile + " holds "
                    + contents.count() + " vectors");
        }
        if (contents.dimension() != model.dimension()) {
            throw new IllegalArgumentException(faissFile + " holds " + contents.dimension() + "-d vectors, model "
                    + model.name() + " makes " + model.dimension() + "-d ones");
        }
        List<Path> files = ids.stream().map(id -> insideRoot(root, id, idsFile)).toList();
        store.registerModel(model);
        int d = contents.dimension();
        WriteBatch batch = store.beginBatch();
        try {
            for (int row = 0; row < ids.size(); row++) {
                float[] vector = Arrays.copyOfRange(contents.vectors(), row * d, (row + 1) * d);
                batch.putFile(record(root, files.get(row)), Map.of(model.name(), VectorUtil.l2Normalized(vector)));
                if (batch.size() >= batchSize) {
                    batch.commit();
                    batch.close();
                    batch = store.beginBatch();
                }
            }
            if (batch.size() > 0) {
                batch.commit();
            }
        } finally {
            batch.close();
        }
        return ids.size();
    }

    /** The image an ids line names; a line that leaves the folder is refused before anything is written. */
    private static Path insideRoot(Path root, String id, Path idsFile) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path file = absoluteRoot.resolve(id.strip()).normalize();
        if (!file.startsWith(absoluteRoot)) {
            throw new IllegalArgumentException(idsFile + ": " + id + " is outside the folder " + root);
        }
        return file;
    }

    private FileRecord record(Path root, Path file) throws IOException {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        byte[] bytes = ImageDecoder.readFile(file);
        DecodedImage image = decoder.decode(bytes, file);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String relative = absoluteRoot
                .relativize(file)
                .toString()
                .replace(file.getFileSystem().getSeparator(), "/");
        return FileRecord.ok(
                relative,
                attributes.size(),
                attributes.lastModifiedTime().toMillis(),
                Sha256.of(bytes),
                image.width(),
                image.height());
    }
}
