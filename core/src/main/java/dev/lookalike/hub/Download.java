package dev.lookalike.hub;

import static dev.lookalike.hub.ModelUnavailableException.Reason.BAD_RESPONSE;
import static dev.lookalike.hub.ModelUnavailableException.Reason.CHECKSUM_MISMATCH;
import static dev.lookalike.hub.ModelUnavailableException.Reason.INCOMPLETE;

import dev.lookalike.progress.Progress;
import dev.lookalike.progress.ProgressReporter;
import dev.lookalike.progress.ProgressUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Brings one file's {@code .part} to completion, verifies it and renames it into place.
 * The caller holds the file's {@link CacheLock}. A part left by a broken connection is
 * resumed with a {@code Range} request; a part that fails verification is deleted.
 */
final class Download {

    private static final int BUFFER_SIZE = 1 << 16;

    private final HubClient client;
    private final ProgressReporter progress;

    Download(HubClient client, ProgressReporter progress) {
        this.client = client;
        this.progress = progress;
    }

    void run(RemoteFile f) throws IOException {
        long have = Files.exists(f.part()) ? Files.size(f.part()) : 0;
        // Two tries: the second starts from byte 0 after a part the server would not continue.
        for (int attempt = 0; attempt < 2; attempt++) {
            HubResponse response = client.get(f, have);
            try (InputStream body = response.body()) {
                if (response.status() == 200) {
                    receive(f, response, 0);
                    return;
                }
                if (response.status() == 206 && response.contentRange(f).start() == have) {
                    receive(f, response, have);
                    return;
                }
                if (response.status() == 416 && have > 0 && have == sizeFor416(f, response)) {
                    finish(f, have, have, digestOfPart(f, have), response.sha256());
                    return;
                }
            }
            Files.deleteIfExists(f.part());
            have = 0;
        }
        throw f.unavailable(BAD_RESPONSE, "the server will not send the file from its first byte");
    }

    /** Appends the body to the part from byte {@code from}, then verifies and commits it. */
    private void receive(RemoteFile f, HubResponse response, long from) throws IOException {
        long expected = response.announcedSize(f);
        MessageDigest digest;
        long size;
        try (FileChannel part = openPart(f);
                Progress bar =
                        progress.start(f.target().getFileName().toString(), from, expected, ProgressUnit.BYTES)) {
            // A 200 answer to a Range request starts over: whatever the part held is dropped.
            part.truncate(from).position(from);
            digest = digestOf(part, from, f);
            size = copy(f, response.body(), part, from, expected, digest, bar);
            force(part, f);
            assert part.size() == size : f.part() + " holds " + part.size() + " bytes, " + size + " were written";
        }
        finish(f, size, expected, digest, response.sha256());
    }

    private long copy(
            RemoteFile f,
            InputStream body,
            FileChannel part,
            long from,
            long expected,
            MessageDigest digest,
            Progress bar)
            throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long size = from;
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw f.unavailable(
                        INCOMPLETE,
                        "connection lost after " + size + " of " + sizeText(expected) + " bytes (" + e.getMessage()
                                + "); run again to resume",
                        e);
            }
            if (n < 0) {
                return size;
            }
            if (expected >= 0 && size + n > expected) {
                Files.deleteIfExists(f.part());
                throw f.unavailable(
                        CHECKSUM_MISMATCH,
                        "the server sent more than the announced " + expected + " bytes; the partial file was deleted");
            }
            write(part, ByteBuffer.wrap(buffer, 0, n), f);
            digest.update(buffer, 0, n);
            size += n;
            bar.step(n);
        }
    }

    /** Checks the complete part against the announced size and sha256, then renames it into place. */
    private static void finish(RemoteFile f, long size, long expected, MessageDigest digest, String sha256)
            throws IOException {
        if (expected >= 0 && size < expected) {
            throw f.unavailable(
                    INCOMPLETE, "the server ended after " + size + " of " + expected + " bytes; run again to resume");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (sha256 != null && !sha256.equals(actual)) {
            Files.deleteIfExists(f.part());
            throw f.unavailable(
                    CHECKSUM_MISMATCH,
                    "sha256 mismatch: the hub announced " + sha256 + ", the content has " + actual
                            + "; the download was deleted");
        }
        try {
            Files.move(f.part(), f.target(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cacheError("cannot move the download into place at " + f.target(), e);
        }
    }

    private static long sizeFor416(RemoteFile f, HubResponse response) throws ModelUnavailableException {
        if (response.linkedSize() >= 0) {
            return response.linkedSize();
        }
        return response.headers().firstValue("Content-Range").isPresent()
                ? response.contentRange(f).total()
                : -1;
    }

    private static MessageDigest digestOfPart(RemoteFile f, long size) throws IOException {
        try (FileChannel part = FileChannel.open(f.part(), StandardOpenOption.READ)) {
            return digestOf(part, size, f);
        }
    }

    /** The sha256 of the first {@code size} bytes of {@code part}, to continue hashing a resumed download. */
    private static MessageDigest digestOf(FileChannel part, long size, RemoteFile f) throws IOException {
        MessageDigest digest = newSha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long position = 0;
        while (position < size) {
            buffer.clear().limit((int) Math.min(BUFFER_SIZE, size - position));
            int n = part.read(buffer, position);
            if (n < 0) {
                throw cacheError("the partial download " + f.part() + " shrank while being read", null);
            }
            digest.update(buffer.flip());
            position += n;
        }
        return digest;
    }

    private static FileChannel openPart(RemoteFile f) throws IOException {
        try {
            return FileChannel.open(
                    f.part(), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw cacheError("cannot write the model cache at " + f.part(), e);
        }
    }

    private static void write(FileChannel part, ByteBuffer data, RemoteFile f) throws IOException {
        try {
            while (data.hasRemaining()) {
                part.write(data);
            }
        } catch (IOException e) {
            throw cacheError("cannot write the model cache at " + f.part(), e);
        }
    }

    private static void force(FileChannel part, RemoteFile f) throws IOException {
        try {
            part.force(true);
        } catch (IOException e) {
            throw cacheError("cannot flush the model cache file " + f.part(), e);
        }
    }

    static IOException cacheError(String message, IOException cause) {
        return new IOException(cause == null ? message : message + ": " + cause, cause);
    }

    private static String sizeText(long expected) {
        return expected >= 0 ? Long.toString(expected) : "?";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has SHA-256", e);
        }
    }
}
