package dev.lookalike.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one cache file for this thread, against other threads (a lock per
 * path) and other processes (an OS lock on a {@code .lock} file, which a JVM holds at most
 * once). The lock file stays behind: deleting it would let two processes lock different files.
 */
final class CacheLock implements AutoCloseable {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private CacheLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits until {@code lockFile} is free, then holds it until {@link #close()}. */
    static CacheLock acquire(Path lockFile) throws IOException {
        return lock(lockFile, true);
    }

    /**
     * Holds {@code lockFile} until {@link #close()} if no other process holds it (waiting only for this
     * process's other threads); null if another process does.
     */
    static CacheLock tryAcquire(Path lockFile) throws IOException {
        return lock(lockFile, false);
    }

    private static CacheLock lock(Path lockFile, boolean wait) throws IOException {
        ReentrantLock threadLock =
                IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = wait ? channel.lock() : channel.tryLock();
            if (fileLock == null) {
                channel.close();
                threadLock.unlock();
                return null;
            }
            return new CacheLock(threadLock, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}
