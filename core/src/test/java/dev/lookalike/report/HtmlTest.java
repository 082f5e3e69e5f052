package dev.lookalike.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesEveryCharacterThatCouldEndTextOrAnAttribute() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", Html.escape("a<b> & \"c\" 'd'"));
        assertEquals("bell\uFFFD", Html.escape("bell\u0007"));
    }

    @Test
    void linksRelativeToThePageWithEveryOddCharacterEncoded() {
        Path page = Path.of("/data/site/pages");
        assertEquals(
                "../../photos/a%20%3Cb%3E%26%3F%23%25.jpg", Html.href(page, Path.of("/data/photos/a <b>&?#%.jpg")));
        assertEquals("caf%C3%A9/x%3Ay.jpg", Html.href(page, Path.of("/data/site/pages/café/x:y.jpg")));
    }

    @Test
    void relativeFilesAreResolvedFromTheWorkingDirectory() {
        String href = Html.href(Path.of("/"), Path.of("x.jpg"));
        assertTrue(href.endsWith("x.jpg") && !href.startsWith("/"), href);
    }
}
