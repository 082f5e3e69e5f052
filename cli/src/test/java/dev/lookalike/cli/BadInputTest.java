package dev.lookalike.cli;

import static dev.lookalike.cli.CliFixtures.withModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lookalike.image.ImageFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each kind of bad input gives the exit code of docs/cli.md and exactly one line on stderr naming the
 * file, model or option and the problem, and leaves no output file behind.
 */
class BadInputTest {

    /** A kind of bad image: how to make it and words its error must contain. */
    enum BadImage {
        MISSING("no such file"),
        DIRECTORY("directory"),
        EMPTY("empty"),
        TRUNCATED_JPEG("truncated"),
        RANDOM_BYTES_JPG("not a supported image format"),
        BOMB_PNG("decompression bomb");

        final String problem;

        BadImage(String problem) {
            this.problem = problem;
        }
    }

    @TempDir
    Path tmp;

    private Path inputs;
    private Path outputs;

    @BeforeEach
    void folders() throws IOException {
        inputs = Files.createDirectory(tmp.resolve("inputs"));
        outputs = Files.createDirectory(tmp.resolve("outputs"));
    }

    static Stream<Arguments> badImagesPerCommand() {
        return Stream.of("compare", "embed", "preprocess")
                .flatMap(command -> Arrays.stream(BadImage.values()).map(bad -> Arguments.of(command, bad)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("badImagesPerCommand")
    void unreadableImageFailsWithOneLineAndNoOutput(String command, BadImage bad) throws IOException {
        Path image = make(bad);
        String good = CliFixtures.image("tiny.png").toString();
        Path out = outputs.resolve("out.npy");
        String[] arguments = switch (command) {
            case "compare" -> withModel("clip", "compare", good, image.toString());
            default -> withModel("clip", command, good, image.toString(), good, "--out", out.toString());
        };

        CliRun run = CliRun.run(arguments);

        // The bomb is a PNG header without pixel data: only a refusal from the header can name it a bomb.
        assertOneLineError(run, 1, image.toString(), bad.problem);
        assertNothingIn(outputs);
    }

    @Test
    void unknownModelNameIsAUsageError() {
        CliRun run = CliRun.run(
                "compare",
                CliFixtures.image("tiny.png").toString(),
                CliFixtures.image("one_pixel.png").toString(),
                "--models",
                "clip,nosuchmodel");

        assertOneLineError(run, 2, "nosuchmodel", "unknown model");
    }

    @Test
    void unknownModelNameForEmbedLeavesNoOutput() {
        Path out = outputs.resolve("out.npy");

        CliRun run = CliRun.run(
                "embed", CliFixtures.image("tiny.png").toString(), "--model", "nosuchmodel", "--out", out.toString());

        assertOneLineError(run, 2, "nosuchmodel", "unknown model");
        assertNothingIn(outputs);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run(
                "compare",
                CliFixtures.image("tiny.png").toString(),
                CliFixtures.image("one_pixel.png").toString(),
                "--frobnicate");

        assertOneLineError(run, 2, "--frobnicate", "nknown option");
    }

    @Test
    void embedWithoutOutIsAUsageError() {
        CliRun run = CliRun.run(
                withModel("clip", "embed", CliFixtures.image("tiny.png").toString()));

        assertOneLineError(run, 2, "--out", "issing");
    }

    @Test
    void failedEmbedKeepsAnEarlierOutputIntact() throws IOException {
        Path out = outputs.resolve("out.npy");
        byte[] earlier = "an earlier result".getBytes(StandardCharsets.UTF_8);
        Files.write(out, earlier);
        Path bad = make(BadImage.TRUNCATED_JPEG);

        CliRun run = CliRun.run(withModel(
                "clip", "embed", CliFixtures.image("tiny.png").toString(), bad.toString(), "--out", out.toString()));

        assertOneLineError(run, 1, bad.toString(), "truncated");
        assertTrue(Arrays.equals(earlier, Files.readAllBytes(out)), "the earlier output was overwritten");
        try (Stream<Path> files = Files.list(outputs)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    private static void assertOneLineError(CliRun run, int exitCode, String subject, String problem) {
        assertEquals(exitCode, run.exitCode(), run::toString);
        assertEquals(1, run.errLines(), run::toString);
        String line = run.err().strip();
        assertTrue(line.contains(subject), "should name " + subject + ": " + line);
        assertTrue(line.contains(problem), "should say " + problem + ": " + line);
        assertFalse(line.contains("Exception") || line.contains("\tat "), line);
        assertEquals("", run.out());
    }

    private static void assertNothingIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.toList(), "left behind in " + folder);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Path make(BadImage bad) throws IOException {
        return switch (bad) {
            case MISSING -> inputs.resolve("missing.jpg");
            case DIRECTORY -> Files.createDirectory(inputs.resolve("folder.jpg"));
            case EMPTY -> Files.createFile(inputs.resolve("empty.png"));
            case TRUNCATED_JPEG -> {
                byte[] jpeg = Files.readAllBytes(CliFixtures.image("000000001503.jpg"));
                yield Files.write(inputs.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
            }
            case RANDOM_BYTES_JPG -> {
                byte[] noise = new byte[4096];
                new Random(20240601L).nextBytes(noise);
                yield Files.write(inputs.resolve("noise.jpg"), noise);
            }
            case BOMB_PNG ->
                Files.write(inputs.resolve("bomb.png"), headerOnly(ImageFixtures.blackPng(20_000, 20_000)));
        };
    }

    /** A PNG's signature and IHDR chunk (8 + 25 bytes), then IEND: its size, no pixels. */
    private static byte[] headerOnly(byte[] png) {
        byte[] iend = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
        byte[] header = Arrays.copyOf(png, 33 + iend.length);
        System.arraycopy(iend, 0, header, 33, iend.length);
        return header;
    }
}
