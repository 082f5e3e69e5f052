package dev.lookalike.hub;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where models come from and where they are kept.
 *
 * @param endpoint  the hub's base URL, without a trailing slash (default {@link #DEFAULT_ENDPOINT})
 * @param token     the bearer token sent to the hub, if any
 * @param offline   true to never touch the network and use the cache only
 * @param cacheRoot the directory holding downloaded files, normally {@code <home>/models}
 */
public record HubSettings(URI endpoint, Optional<String> token, boolean offline, Path cacheRoot) {

    /** The public Hugging Face hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    /** The values of {@code HF_HUB_OFFLINE} that mean offline, as huggingface_hub reads them. */
    private static final Set<String> TRUE_VALUES = Set.of("1", "true", "yes", "on");

    public HubSettings {
        endpoint = checkEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
        token = Objects.requireNonNull(token, "token").filter(t -> !t.isBlank());
        Objects.requireNonNull(cacheRoot, "cacheRoot");
    }

    /**
     * Reads {@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HUB_OFFLINE} and
     * {@code LOOKALIKE_HOME} from the process environment.
     *
     * @param home the {@code --home} directory, or null to use {@code $LOOKALIKE_HOME} or
     *             {@code ~/.cache/lookalike}
     * @throws IllegalArgumentException if {@code HF_ENDPOINT} is not an http(s) URL
     */
    public static HubSettings fromEnvironment(Path home) {
        return fromEnvironment(home, System.getenv());
    }

    /** Like {@link #fromEnvironment(Path)} but reads the variables from {@code env}. */
    public static HubSettings fromEnvironment(Path home, Map<String, String> env) {
        String endpoint = env.get("HF_ENDPOINT");
        URI uri = endpoint == null || endpoint.isBlank() ? DEFAULT_ENDPOINT : parseEndpoint(endpoint);
        boolean offline = TRUE_VALUES.contains(
                env.getOrDefault("HF_HUB_OFFLINE", "").trim().toLowerCase(Locale.ROOT));
        Path cacheRoot = resolveHome(home, env).resolve("models");
        return new HubSettings(uri, Optional.ofNullable(env.get("HF_TOKEN")), offline, cacheRoot);
    }

    /**
     * The lookalike home: {@code home} when given, else {@code $LOOKALIKE_HOME} from
     * {@code env}, else {@code ~/.cache/lookalike}.
     */
    public static Path resolveHome(Path home, Map<String, String> env) {
        if (home != null) {
            return home;
        }
        String fromEnv = env.get("LOOKALIKE_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "lookalike");
    }

    /** Shows whether a token is set, never the token itself. */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", offline="
                + offline + ", cacheRoot=" + cacheRoot + "]";
    }

    private static URI parseEndpoint(String value) {
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HF_ENDPOINT is not a URL: " + value, e);
        }
    }

    private static URI checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (scheme == null
                || endpoint.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || endpoint.getQuery() != null
                || endpoint.getFragment() != null) {
            throw new IllegalArgumentException("hub endpoint must be an http(s) URL without query, got: " + endpoint);
        }
        String text = endpoint.toString();
        return text.endsWith("/") ? URI.create(text.replaceAll("/+$", "")) : endpoint;
    }
}
