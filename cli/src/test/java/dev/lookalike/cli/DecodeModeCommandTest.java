package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --decode fast}: an index keeps one decode mode, and the other one is refused, never mixed. */
class DecodeModeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void aFastIndexIsSearchedFastAndRefusesExact() throws IOException {
        Path photos = Files.createDirectory(tmp.resolve("photos"));
        Path photo = Files.copy(CliRun.FIXTURES.resolve("large/phone_12mp.jpg"), photos.resolve("phone.jpg"));
        Files.copy(CliFixtures.image("000000001503.jpg"), photos.resolve("coco.jpg"));
        String index = tmp.resolve("index").toString();

        CliRun indexed =
                CliRun.run(withModel("dinov2", "index", photos.toString(), "--index", index, "--decode", "fast"));
        assertEquals(0, indexed.exitCode(), indexed::toString);

        CliRun fast = CliRun.run(withModel(
                "dinov2", "search", photo.toString(), "--index", index, "--decode", "fast", "-k", "1", "--json"));
        assertEquals(0, fast.exitCode(), fast::toString);
        assertTrue(fast.out().contains("phone.jpg"), fast.out());

        CliRun exact = CliRun.run(withModel("dinov2", "search", photo.toString(), "--index", index, "-k", "1"));
        assertEquals(1, exact.exitCode(), exact::toString);
        assertTrue(
                exact.err()
                        .contains("vectors come from images decoded with --decode fast, these are decoded with"
                                + " --decode exact"),
                exact.err());
        assertEquals(1, exact.err().strip().lines().count(), exact.err());

        CliRun reindex = CliRun.run(withModel("dinov2", "index", photos.toString(), "--index", index));
        assertEquals(1, reindex.exitCode(), reindex::toString);
        assertTrue(reindex.err().contains("use --decode fast with this index"), reindex.err());
    }

    @Test
    void anUnknownModeIsAUsageError() {
        CliRun run = CliRun.run(withModel(
                "dinov2",
                "compare",
                CliFixtures.image("000000001503.jpg").toString(),
                CliFixtures.image("000000005586.jpg").toString(),
                "--decode",
                "quick"));
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("unknown decode mode 'quick' (exact or fast)"), run.err());
    }
}
