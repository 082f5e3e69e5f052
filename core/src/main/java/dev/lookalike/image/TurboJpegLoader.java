package dev.lookalike.image;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finds libjpeg-turbo once per JVM (why it is not used is logged at FINE and told by
 * {@link ImageDecoder#jpegDecoder()}; the CLI prints it as a one-line note). The implementation uses the foreign function API, final in
 * Java 22; it is compiled for 22 and loaded by reflection only on a runtime that has it, so the
 * library still runs on Java 21 (decoding JPEGs with ImageIO). The system property
 * {@code lookalike.jpeg=imageio} forces ImageIO; {@code lookalike.turbojpeg=/path/to/libturbojpeg.so}
 * names the library when it is not where the system's loader looks.
 */
final class TurboJpegLoader {

    static final String PROPERTY = "lookalike.jpeg";
    private static final int FOREIGN_API_RELEASE = 22;
    private static final Logger LOG = Logger.getLogger(TurboJpegLoader.class.getName());
    private static volatile Optional<TurboJpeg> loaded;
    private static volatile String unavailable = "";

    private TurboJpegLoader() {}

    /** libjpeg-turbo, or empty when it cannot be used. */
    static Optional<TurboJpeg> turboJpeg() {
        Optional<TurboJpeg> result = loaded;
        if (result == null) {
            synchronized (TurboJpegLoader.class) {
                result = loaded;
                if (result == null) {
                    result = load();
                    loaded = result;
                }
            }
        }
        return result;
    }

    /** Why {@link #turboJpeg()} is empty; empty when it is not. */
    static String unavailableReason() {
        turboJpeg();
        return unavailable;
    }

    private static Optional<TurboJpeg> load() {
        if ("imageio".equals(System.getProperty(PROPERTY))) {
            unavailable = "ImageIO requested (-D" + PROPERTY + "=imageio)";
            return Optional.empty();
        }
        if (Runtime.version().feature() < FOREIGN_API_RELEASE) {
            return note("libjpeg-turbo needs Java " + FOREIGN_API_RELEASE + "+ here (running "
                    + Runtime.version().feature() + ")");
        }
        try {
            Class<?> type = Class.forName("dev.lookalike.image.TurboJpegLibrary");
            return Optional.of((TurboJpeg)
                    type.getMethod("open", String.class).invoke(null, System.getProperty("lookalike.turbojpeg")));
        } catch (java.lang.reflect.InvocationTargetException e) {
            return note(String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException | LinkageError e) {
            return note(e.toString());
        }
    }

    private static Optional<TurboJpeg> note(String reason) {
        unavailable = reason;
        LOG.fine(() -> "JPEGs decode with ImageIO: " + reason);
        return Optional.empty();
    }
}
