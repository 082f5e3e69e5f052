package dev.lookalike.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The single-writer lock: an OS file lock on {@code PATH/writer.lock}, so two {@code index} runs never interleave
 * their batches. The OS drops it when the holder dies, {@code kill -9} included, so no stale lock survives a crash.
 */
final class WriterLock implements AutoCloseable {

    static final String FILE = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static WriterLock acquire(Path dir) throws IndexStoreException {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IndexStoreException(
                    dir, "cannot be written: cannot open " + file + " for writing (" + e + ")", e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new WriterLock(channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // Another store in this JVM holds it: the same conflict as another process.
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new IndexStoreException(dir, "cannot lock " + file + " (" + e + ")", e);
        }
        closeQuietly(channel, null);
        throw new IndexLockedException(dir, file);
    }

    private static void closeQuietly(FileChannel channel, IOException primary) {
        try {
            channel.close();
        } catch (IOException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
