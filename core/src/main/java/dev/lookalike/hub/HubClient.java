package dev.lookalike.hub;

import static dev.lookalike.hub.ModelUnavailableException.Reason.BAD_RESPONSE;
import static dev.lookalike.hub.ModelUnavailableException.Reason.NEEDS_TOKEN;
import static dev.lookalike.hub.ModelUnavailableException.Reason.NOT_FOUND;
import static dev.lookalike.hub.ModelUnavailableException.Reason.UNREACHABLE;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests hub files. Redirects are followed here rather than by {@link HttpClient}: the
 * hub announces the sha256 and size on its redirect to the CDN, and the token must stay
 * with the hub's own origin. (How {@code HttpClient} treats {@code Authorization} on
 * redirects has changed between JDK releases, so it is not relied on.)
 */
final class HubClient {

    private static final int MAX_REDIRECTS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Time allowed until the response headers arrive; the body may take as long as it needs. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final HubSettings settings;
    private final HttpClient http;

    HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Requests {@code f} from byte {@code offset} on (the whole file when 0), following redirects.
     *
     * @return a 200, 206 or 416 answer; every other status is a {@link ModelUnavailableException}
     */
    HubResponse get(RemoteFile f, long offset) throws IOException {
        URI url = f.url();
        String sha256 = null;
        long linkedSize = -1;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = send(f, request(url, offset));
            HttpHeaders headers = response.headers();
            sha256 = sha256 != null ? sha256 : announcedSha256(headers);
            linkedSize = linkedSize >= 0
                    ? linkedSize
                    : headers.firstValueAsLong("X-Linked-Size").orElse(-1);
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return accept(f, response, sha256, linkedSize);
            }
            response.body().close();
            url = redirectTarget(f, url, headers);
        }
        throw f.unavailable(BAD_RESPONSE, "more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpRequest request(URI url, long offset) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).GET().timeout(HEADERS_TIMEOUT).header("User-Agent", "lookalike");
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        Optional<String> token = settings.token();
        if (token.isPresent() && sameOrigin(url, settings.endpoint())) {
            request.header("Authorization", "Bearer " + token.get());
        }
        return request.build();
    }

    private HttpResponse<InputStream> send(RemoteFile f, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw f.unavailable(UNREACHABLE, "connection to " + request.uri().getHost() + " timed out", e);
        } catch (HttpTimeoutException e) {
            throw f.unavailable(UNREACHABLE, "no answer within " + HEADERS_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw f.unavailable(UNREACHABLE, connectProblem(request.uri(), e), e);
        } catch (IOException e) {
            throw f.unavailable(UNREACHABLE, "network error: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("download of " + request.uri() + " interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private static String connectProblem(URI url, ConnectException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host " + url.getHost();
            }
        }
        return "cannot connect to " + url.getHost() + ":" + port(url) + " (connection refused)";
    }

    private static HubResponse accept(RemoteFile f, HttpResponse<InputStream> response, String sha256, long linkedSize)
            throws IOException {
        int status = response.statusCode();
        if (status == 200 || status == 206 || status == 416) {
            return new HubResponse(status, response.headers(), response.body(), sha256, linkedSize);
        }
        response.body().close();
        throw switch (status) {
            case 404 -> f.unavailable(NOT_FOUND, "not found (HTTP 404)");
            case 401, 403 ->
                f.unavailable(
                        NEEDS_TOKEN,
                        "access denied (HTTP " + status + "), "
                                + (hasToken(response)
                                        ? "the token in HF_TOKEN was refused"
                                        : "needs a token: set HF_TOKEN"));
            default -> f.unavailable(BAD_RESPONSE, "the server answered HTTP " + status);
        };
    }

    private static boolean hasToken(HttpResponse<?> response) {
        return response.request().headers().firstValue("Authorization").isPresent();
    }

    private static URI redirectTarget(RemoteFile f, URI from, HttpHeaders headers) throws IOException {
        String location = headers.firstValue("Location")
                .orElseThrow(() -> f.unavailable(BAD_RESPONSE, "redirect without a Location header from " + from));
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw f.unavailable(BAD_RESPONSE, "redirect to a malformed location '" + location + "'", e);
        }
        String scheme = Objects.requireNonNullElse(to.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && "http".equalsIgnoreCase(from.getScheme()))) {
            throw f.unavailable(
                    BAD_RESPONSE, "refusing a redirect from " + from.getScheme() + " to '" + location + "'");
        }
        return to;
    }

    /** The sha256 in {@code X-Linked-Etag} or {@code ETag}; other entity tags (git sha1, md5) are ignored. */
    static String announcedSha256(HttpHeaders headers) {
        for (String name : new String[] {"X-Linked-Etag", "ETag"}) {
            Optional<String> value = headers.firstValue(name).map(v -> v.trim().replace("\"", ""));
            if (value.isPresent() && SHA256.matcher(value.get()).matches()) {
                return value.get().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }
}
