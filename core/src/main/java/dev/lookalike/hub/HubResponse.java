package dev.lookalike.hub;

import static dev.lookalike.hub.ModelUnavailableException.Reason.BAD_RESPONSE;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final answer to a file request, after redirects: 200, 206 or 416.
 *
 * @param status       the HTTP status
 * @param headers      the final response's headers
 * @param body         the content stream; the caller closes it
 * @param sha256       the content's sha256 announced by any hop (lower-case hex), or null
 * @param linkedSize   the content's size announced by any hop ({@code X-Linked-Size}), or -1
 */
record HubResponse(int status, HttpHeaders headers, InputStream body, String sha256, long linkedSize) {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    /** A {@code Content-Range} header: first byte (-1 for {@code *}) and total size (-1 for {@code *}). */
    record ContentRange(long start, long total) {}

    /** The {@code Content-Length}, or -1 when absent. */
    long contentLength() {
        return headers.firstValueAsLong("Content-Length").orElse(-1);
    }

    /** The {@code Content-Range}; a missing or malformed one is a bad response. */
    ContentRange contentRange(RemoteFile f) throws ModelUnavailableException {
        String value = headers.firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(value.trim());
        if (!m.matches()) {
            throw f.unavailable(BAD_RESPONSE, "HTTP " + status + " with a bad Content-Range '" + value + "'");
        }
        long start = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
        long total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        return new ContentRange(start, total);
    }

    /** The size of the whole file as far as this answer tells, or -1. */
    long announcedSize(RemoteFile f) throws ModelUnavailableException {
        if (linkedSize >= 0) {
            return linkedSize;
        }
        return status == 200 ? contentLength() : contentRange(f).total();
    }
}
