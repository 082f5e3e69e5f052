package dev.lookalike.cli;

import dev.lookalike.benchmark.Calibration;
import dev.lookalike.benchmark.CalibrationReport;
import dev.lookalike.dedup.DedupRequest;
import dev.lookalike.dedup.DedupThresholds;
import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.store.IndexStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What {@code dedup} and {@code dedup ignore} look for: the index, the model and the threshold. */
final class DedupSelection {

    /** The precision whose calibrated threshold {@code --calibration} takes by default. */
    static final double DEFAULT_PRECISION = 0.95;

    // Not required = true: picocli would then demand it of 'dedup' when a subcommand runs.
    @Option(names = "--index", paramLabel = "PATH", description = "The index (required).")
    Path index;

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "The model, or a mean fusion such as clip+dinov2 (default: clip when the index has it,"
                    + " else its first model by name).")
    String model;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description = "The least cosine of a pair, in (0, 1] (default per model: clip 0.95, dinov2 0.90,"
                    + " phash 0.6875, a fusion the mean of its models', others 0.95).")
    Float threshold;

    @Option(
            names = "--max-hamming",
            paramLabel = "N",
            description = "For phash: the most differing bits of 64, instead of --threshold (cosine 1 - N/32).")
    Integer maxHamming;

    @Option(
            names = "--calibration",
            paramLabel = "REPORT.json",
            description = "Take the threshold from a bench report: the model's calibrated threshold at --precision.")
    Path calibration;

    @Option(
            names = "--precision",
            paramLabel = "P",
            description =
                    "With --calibration: the precision whose threshold to take, 0.9, 0.95 or 0.99 (default: 0.95).")
    Double precision;

    /** A request and where its threshold came from, for the summary line. */
    record Resolved(DedupRequest request, String thresholdSource) {}

    /** The index, which every dedup command needs. */
    Path index(CommandSpec spec) {
        if (index == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--index=PATH'");
        }
        return index;
    }

    /** The request for {@code store}, with the defaults filled in. */
    Resolved resolve(IndexStore store, int threads) throws IOException {
        String name = model != null ? model : DuplicateFinder.defaultModel(store);
        if (threshold != null && maxHamming != null) {
            throw new UsageException("give --threshold or --max-hamming, not both");
        }
        if (precision != null && calibration == null) {
            throw new UsageException("--precision goes with --calibration REPORT.json");
        }
        if (calibration != null) {
            return calibrated(name, threads);
        }
        if (maxHamming != null) {
            if (!name.equals("phash")) {
                throw new UsageException("--max-hamming is for --model phash, not " + name);
            }
            float t = UsageException.checking(() -> DedupThresholds.fromHamming(maxHamming, 64));
            return new Resolved(new DedupRequest(name, t, threads), "--max-hamming " + maxHamming);
        }
        if (threshold != null) {
            return new Resolved(
                    new DedupRequest(name, UsageException.checking(() -> DedupThresholds.check(threshold)), threads),
                    "--threshold");
        }
        return new Resolved(
                new DedupRequest(name, DedupThresholds.defaultFor(name), threads),
                String.format(Locale.ROOT, "the default for %s; --threshold T to change", name));
    }

    private Resolved calibrated(String name, int threads) throws IOException {
        if (threshold != null || maxHamming != null) {
            throw new UsageException("give --calibration or --threshold/--max-hamming, not both");
        }
        double target = precision == null ? DEFAULT_PRECISION : precision;
        Calibration calibrated;
        try {
            calibrated = CalibrationReport.threshold(calibration, name, target);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        float t = UsageException.checking(
                () -> DedupThresholds.check((float) calibrated.threshold().getAsDouble()));
        return new Resolved(
                new DedupRequest(name, t, threads),
                String.format(
                        Locale.ROOT,
                        "from %s: %.0f%% precision, recall %.3f on its set",
                        calibration,
                        target * 100,
                        calibrated.recall()));
    }
}
