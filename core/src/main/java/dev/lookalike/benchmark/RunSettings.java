package dev.lookalike.benchmark;

import dev.lookalike.model.ModelIdentity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a benchmark run was: the models, the data, the machine.
 *
 * @param models         the names asked for, plain models and fusions
 * @param identities     the plain models' identities (with their ONNX files' SHA-256)
 * @param queriesDir     the queries' folder
 * @param referencesDir  the references' folder
 * @param groundTruth    the ground-truth CSV
 * @param editsFile      the edits CSV, or {@code null}
 * @param queries        queries evaluated
 * @param queriesWithMatch of those, queries with a reference
 * @param references     reference images found
 * @param k              candidates per query
 * @param index          the persistent index used, or {@code null} for a temporary one or precomputed vectors
 * @param cores          available processors
 * @param os             operating system name, version and architecture
 * @param jdk            the Java runtime's version and vendor
 * @param date           when the run started
 */
public record RunSettings(
        List<String> models,
        List<ModelIdentity> identities,
        Path queriesDir,
        Path referencesDir,
        Path groundTruth,
        Path editsFile,
        int queries,
        int queriesWithMatch,
        int references,
        int k,
        Path index,
        int cores,
        String os,
        String jdk,
        Instant date) {

    public RunSettings {
        models = List.copyOf(models);
        identities = List.copyOf(identities);
    }

    /** The operating system of this JVM, as shown in reports. */
    public static String thisOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** The Java runtime of this JVM, as shown in reports. */
    public static String thisJdk() {
        return Runtime.version() + " (" + System.getProperty("java.vendor") + ")";
    }
}
