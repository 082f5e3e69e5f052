package dev.lookalike.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubSettingsTest {

    private static final Path HOME = Path.of("/data/lookalike");

    @Test
    void defaultsToTheHuggingFaceHubOnlineWithoutAToken() {
        HubSettings settings = HubSettings.fromEnvironment(HOME, Map.of());

        assertEquals(URI.create("https://huggingface.co"), settings.endpoint());
        assertEquals(Optional.empty(), settings.token());
        assertFalse(settings.offline());
        assertEquals(HOME.resolve("models"), settings.cacheRoot());
    }

    @Test
    void readsTheHuggingFaceVariables() {
        HubSettings settings = HubSettings.fromEnvironment(
                HOME, Map.of("HF_ENDPOINT", "https://mirror.example/hf/", "HF_TOKEN", "hf_abc", "HF_HUB_OFFLINE", "1"));

        assertEquals(URI.create("https://mirror.example/hf"), settings.endpoint());
        assertEquals(Optional.of("hf_abc"), settings.token());
        assertTrue(settings.offline());
    }

    @Test
    void acceptsTheSpellingsOfOfflineThatHuggingFaceHubAccepts() {
        for (String on : new String[] {"1", "true", "TRUE", "yes", "on"}) {
            assertTrue(
                    HubSettings.fromEnvironment(HOME, Map.of("HF_HUB_OFFLINE", on))
                            .offline(),
                    on);
        }
        for (String off : new String[] {"0", "false", "", "no"}) {
            assertFalse(
                    HubSettings.fromEnvironment(HOME, Map.of("HF_HUB_OFFLINE", off))
                            .offline(),
                    off);
        }
    }

    @Test
    void treatsABlankTokenAsNone() {
        assertEquals(
                Optional.empty(),
                HubSettings.fromEnvironment(HOME, Map.of("HF_TOKEN", " ")).token());
    }

    @Test
    void neverShowsTheTokenInText() {
        HubSettings settings = HubSettings.fromEnvironment(HOME, Map.of("HF_TOKEN", "hf_secret"));

        assertFalse(settings.toString().contains("hf_secret"), settings.toString());
        assertTrue(settings.toString().contains("token=(set)"), settings.toString());
    }

    @Test
    void takesTheHomeFromTheOptionThenTheEnvironmentThenTheUserCache() {
        Map<String, String> env = Map.of("LOOKALIKE_HOME", "/srv/look");

        assertEquals(HOME, HubSettings.resolveHome(HOME, env));
        assertEquals(Path.of("/srv/look"), HubSettings.resolveHome(null, env));
        assertEquals(
                Path.of(System.getProperty("user.home"), ".cache", "lookalike"),
                HubSettings.resolveHome(null, Map.of()));
        assertEquals(
                Path.of("/srv/look/models"),
                HubSettings.fromEnvironment(null, env).cacheRoot());
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUrl() {
        for (String bad : new String[] {"ftp://mirror.example", "mirror.example", "https://h/x?y=1", "not a url"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> HubSettings.fromEnvironment(HOME, Map.of("HF_ENDPOINT", bad)));
            assertTrue(e.getMessage().contains(bad.split(" ")[0]), e.getMessage());
        }
    }
}
