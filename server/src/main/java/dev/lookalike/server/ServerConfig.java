package dev.lookalike.server;

/**
 * Where and how the server listens.
 *
 * @param host           the address to bind, {@code 127.0.0.1} unless the user asks for more
 * @param port           the TCP port; 0 picks a free one (see {@link LookalikeServer#port()})
 * @param apiKey         when not null, every {@code /api/} request must carry it ({@code Authorization: Bearer KEY}
 *                       or {@code X-API-Key: KEY}) or is answered 401
 * @param maxUploadBytes the largest request body accepted; a larger one is answered 413
 */
public record ServerConfig(String host, int port, String apiKey, long maxUploadBytes) {

    /** 20 MB: far above any photo, far below what would strain the heap. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L * 1024 * 1024;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank");
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be positive, got " + maxUploadBytes);
        }
    }

    /** Loopback only, the given port, no key, the default upload limit. */
    public static ServerConfig local(int port) {
        return new ServerConfig("127.0.0.1", port, null, DEFAULT_MAX_UPLOAD_BYTES);
    }
}
