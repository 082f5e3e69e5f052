package dev.lookalike.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lookalike.search.SearchHit;
import dev.lookalike.search.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page end to end in headless Chromium: upload a COCO photo, see both models' grids with the library's
 * answers, click a result to search by it, compare two photos. Needs Debian's {@code chromium} and
 * {@code chromium-driver}; skipped without them, except on CI ({@code CI=true}), where their absence fails.
 */
class PageTest {

    private static final int K = 5;
    private static TestIndex fixture;
    private static LookalikeServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser", "google-chrome");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            String missing = "headless Chromium test needs chromium and chromedriver on PATH (apt-get install chromium"
                    + " chromium-driver); found chromium=" + chromium + " chromedriver=" + driver;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        fixture = TestIndex.get();
        server = fixture.start(ServerConfig.local(0));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.get().toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Optional<Path> executable(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** The paths a model's grid shows, read in one script so that a re-render cannot interleave. */
    @SuppressWarnings("unchecked")
    private static List<String> paths(String model) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return [...document.querySelectorAll("
                                + "\".model[data-model='\" + arguments[0] + \"'] .hit\")].map(hit => hit.dataset.path)",
                        model);
    }

    private static List<String> expectedPaths(SearchResults results, String model) {
        return results.byModel().get(model).stream().map(SearchHit::path).toList();
    }

    @Test
    void uploadShowsBothModelsSideBySideAndAClickSearchesByTheResult() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(server.uri().toString());
        waiting().until(d -> d.findElement(By.id("stats")).getText().startsWith(TestIndex.PHOTOS + " images indexed"));

        Path query = TestIndex.outsidePhoto(2).toRealPath();
        browser.findElement(By.id("file-input")).sendKeys(query.toString());
        waiting()
                .until(d ->
                        paths("clip-tiny").size() == K && paths("dinov2-tiny").size() == K);
        SearchResults expected = fixture.directSearch(query, K);
        assertEquals(expectedPaths(expected, "clip-tiny"), paths("clip-tiny"));
        assertEquals(expectedPaths(expected, "dinov2-tiny"), paths("dinov2-tiny"));
        String firstScore = browser.findElement(By.cssSelector(".model[data-model='dinov2-tiny'] .hit .score"))
                .getText();
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "%.1f%%",
                        expected.byModel().get("dinov2-tiny").get(0).score() * 100),
                firstScore);
        waiting()
                .until(
                        d -> (Boolean)
                                ((JavascriptExecutor) d)
                                        .executeScript(
                                                "return [...document.querySelectorAll('.hit img')].every(i => i.complete && i.naturalWidth > 0)"));
        Files.write(Path.of("target", "page.png"), browser.getScreenshotAs(OutputType.BYTES));

        WebElement third = browser.findElements(By.cssSelector(".model[data-model='dinov2-tiny'] .hit"))
                .get(2);
        String clicked = third.getDomAttribute("data-path");
        third.click();
        waiting()
                .until(d -> d.findElement(By.id("query-name")).getText().equals("query: " + clicked)
                        && paths("dinov2-tiny").size() == K
                        && paths("dinov2-tiny").get(0).equals(clicked));
        SearchResults byClick = fixture.directSearch(fixture.photos.resolve(clicked), K);
        assertEquals(expectedPaths(byClick, "dinov2-tiny"), paths("dinov2-tiny"));
        assertEquals(expectedPaths(byClick, "clip-tiny"), paths("clip-tiny"));
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedOnThePageWithoutSendingIt() throws Exception {
        Path query = TestIndex.outsidePhoto(2).toRealPath();
        long size = Files.size(query);
        try (LookalikeServer small = fixture.start(new ServerConfig("127.0.0.1", 0, null, size / 2))) {
            browser.get(small.uri().toString());
            waiting()
                    .until(d ->
                            d.findElement(By.id("stats")).getText().startsWith(TestIndex.PHOTOS + " images indexed"));

            browser.findElement(By.id("file-input")).sendKeys(query.toString());

            waiting().until(d -> d.findElement(By.id("status")).getText().contains("over this server's upload limit"));
            String status = browser.findElement(By.id("status")).getText();
            assertTrue(status.startsWith(query.getFileName() + " is "), status);
            assertTrue(status.endsWith(": not sent"), status);
            assertEquals(List.of(), paths("clip-tiny"), "nothing was searched");
        }
    }

    @Test
    void thePageOffersTheFusionsAndSearchesWithTheTickedOnes() throws Exception {
        browser.get(server.uri().toString());
        String rrf = "clip-tiny+dinov2-tiny:rrf";
        waiting()
                .until(d -> !d.findElements(By.cssSelector("#models input[value='" + rrf + "']"))
                        .isEmpty());
        List<String> offered = browser.findElements(By.cssSelector("#models input")).stream()
                .map(box -> box.getDomAttribute("value") + (box.isSelected() ? " (ticked)" : ""))
                .toList();
        assertEquals(List.of("clip-tiny (ticked)", "dinov2-tiny (ticked)", "clip-tiny+dinov2-tiny", rrf), offered);
        browser.findElement(By.cssSelector("#models input[value='clip-tiny']")).click();
        browser.findElement(By.cssSelector("#models input[value='" + rrf + "']"))
                .click();

        Path query = TestIndex.outsidePhoto(3).toRealPath();
        browser.findElement(By.id("file-input")).sendKeys(query.toString());
        waiting().until(d -> paths(rrf).size() == K);
        SearchResults expected =
                fixture.directSearch(query, K, dev.lookalike.search.ModelSelection.of("dinov2-tiny", rrf));
        assertEquals(expectedPaths(expected, rrf), paths(rrf));
        assertEquals(expectedPaths(expected, "dinov2-tiny"), paths("dinov2-tiny"));
        assertEquals(List.of(), paths("clip-tiny"), "an unticked model is not searched");
    }

    @Test
    void theTextBoxSearchesByText() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(server.uri().toString());
        waiting().until(d -> d.findElement(By.id("text-query")).isDisplayed());
        String text = "two dogs playing in the snow";
        browser.findElement(By.id("text-query")).sendKeys(text + "\n");
        waiting()
                .until(d -> d.findElement(By.id("query-name")).getText().equals("query: \u201c" + text + "\u201d")
                        && paths("clip-tiny").size() == K);
        assertEquals(expectedPaths(fixture.directTextSearch(text, K), "clip-tiny"), paths("clip-tiny"));
        assertTrue(
                browser.findElements(By.cssSelector(".model[data-model='dinov2-tiny']"))
                        .isEmpty(),
                "DINOv2 has no text side");
        assertTrue(!browser.findElement(By.id("query-preview")).isDisplayed());
        waiting()
                .until(
                        d -> (Boolean)
                                ((JavascriptExecutor) d)
                                        .executeScript(
                                                "return [...document.querySelectorAll('.hit img')].every(i => i.complete && i.naturalWidth > 0)"));
        Files.write(Path.of("target", "page-text.png"), browser.getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("text-query")).clear();
        browser.findElement(By.id("text-query")).sendKeys("   \n");
        waiting().until(d -> d.findElement(By.id("status")).getText().equals("type a few words to search for"));
    }

    @Test
    void compareShowsEachModelsScore() throws IOException {
        browser.get(server.uri().toString());
        browser.findElement(By.id("compare-a"))
                .sendKeys(TestIndex.outsidePhoto(0).toRealPath().toString());
        browser.findElement(By.id("compare-b"))
                .sendKeys(TestIndex.outsidePhoto(1).toRealPath().toString());
        browser.findElement(By.id("compare-button")).click();
        waiting()
                .until(d -> d.findElements(By.cssSelector("#compare-results tr[data-model]"))
                                .size()
                        == 2);
        List<String> models = browser.findElements(By.cssSelector("#compare-results tr[data-model]")).stream()
                .map(row -> row.getDomAttribute("data-model"))
                .toList();
        assertEquals(List.of("clip-tiny", "dinov2-tiny"), models);
    }

    @Test
    void withAKeyImagesShownAreFreedWhenReplaced() throws Exception {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, "s3cret", ServerConfig.DEFAULT_MAX_UPLOAD_BYTES);
        try (LookalikeServer keyed = fixture.start(config)) {
            browser.manage().window().setSize(new Dimension(1280, 900));
            browser.get(keyed.uri().toString());
            waiting().until(d -> d.findElement(By.id("api-key")).isDisplayed());
            browser.findElement(By.id("api-key")).sendKeys("s3cret\n");
            waiting().until(d -> d.findElement(By.id("stats")).getText().contains("images indexed"));

            List<String> first = showResultsFor(TestIndex.outsidePhoto(0), List.of());
            List<String> second = showResultsFor(TestIndex.outsidePhoto(1), first);
            assertTrue(first.stream().allMatch(url -> url.startsWith("blob:")), first::toString);
            assertEquals(List.of(), alive(first), "the first search's images are revoked");
            assertEquals(second, alive(second), "the images on show are not");
        }
    }

    /**
     * Uploads {@code query} and waits for its results' images to replace those whose URLs are {@code shown};
     * their URLs, the preview's first.
     */
    @SuppressWarnings("unchecked")
    private static List<String> showResultsFor(Path query, List<String> shown) throws IOException {
        browser.findElement(By.id("file-input")).sendKeys(query.toRealPath().toString());
        return waiting().until(d -> {
            List<String> urls = (List<String>) ((JavascriptExecutor) d)
                    .executeScript(
                            "const imgs = [document.getElementById('query-preview'), ...document.querySelectorAll('.hit img')];"
                                    + "return imgs.length === 1 + 2 * arguments[0] && imgs.every(i => i.complete && i.naturalWidth > 0)"
                                    + " ? imgs.map(i => i.src) : null",
                            K);
            return urls != null && urls.stream().noneMatch(shown::contains) ? urls : null;
        });
    }

    /** Those of {@code urls} that can still be fetched. */
    @SuppressWarnings("unchecked")
    private static List<String> alive(List<String> urls) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "Promise.all(arguments[0].map(u => fetch(u).then(() => u, () => null)))"
                                + ".then(all => done(all.filter(u => u !== null)));",
                        urls);
    }

    @Test
    void fitsAPhoneScreen() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(server.uri().toString());
        waiting().until(d -> d.findElement(By.id("stats")).getText().contains("images indexed"));
        long overflow = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow <= 0, "the page scrolls sideways by " + overflow + " px on a phone-sized screen");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }
}
