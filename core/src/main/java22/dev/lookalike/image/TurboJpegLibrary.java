package dev.lookalike.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link TurboJpeg} over the TurboJPEG C API of libjpeg-turbo 2.0 or later, called through the
 * foreign function API (compiled for Java 22, where it is final). The compressed bytes and the
 * pixels stay in their Java arrays: the calls are critical downcalls with heap access, so nothing
 * is copied. Loaded by {@link TurboJpegLoader} only.
 */
final class TurboJpegLibrary implements TurboJpeg {

    private static final int TJPF_RGB = 0;
    private static final int TJERR_WARNING = 0;
    /** Where the system's loader finds the library on Linux (Debian's libturbojpeg0), macOS and Windows. */
    private static final List<String> NAMES = List.of(
            "libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "libturbojpeg.dylib", "turbojpeg.dll");

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    private final String library;
    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle destroy;
    private final MethodHandle errorString2;
    private final MethodHandle errorCode;

    private TurboJpegLibrary(String library, SymbolLookup symbols) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        Linker.Option heap = Linker.Option.critical(true);
        initDecompress = linker.downcallHandle(find(symbols, "tjInitDecompress"), FunctionDescriptor.of(ADDRESS));
        decompressHeader3 = linker.downcallHandle(
                find(symbols, "tjDecompressHeader3"),
                FunctionDescriptor.of(INT, ADDRESS, ADDRESS, LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                heap);
        decompress2 = linker.downcallHandle(
                find(symbols, "tjDecompress2"),
                FunctionDescriptor.of(INT, ADDRESS, ADDRESS, LONG, ADDRESS, INT, INT, INT, INT, INT),
                heap);
        destroy = linker.downcallHandle(find(symbols, "tjDestroy"), FunctionDescriptor.of(INT, ADDRESS));
        errorString2 = linker.downcallHandle(find(symbols, "tjGetErrorStr2"), FunctionDescriptor.of(ADDRESS, ADDRESS));
        errorCode = linker.downcallHandle(find(symbols, "tjGetErrorCode"), FunctionDescriptor.of(INT, ADDRESS));
    }

    /**
     * Opens the library at {@code path}, or by its usual names when {@code path} is null.
     *
     * @throws IllegalStateException naming what was tried when it cannot be opened
     */
    public static TurboJpeg open(String path) {
        List<String> tried = new ArrayList<>();
        for (String name : path != null ? List.of(path) : NAMES) {
            try {
                return new TurboJpegLibrary(name, SymbolLookup.libraryLookup(name, Arena.global()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                tried.add(name + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("no TurboJPEG library: tried " + String.join(", ", tried));
    }

    private static MemorySegment find(SymbolLookup symbols, String name) {
        return symbols.find(name)
                .orElseThrow(() ->
                        new IllegalStateException("no symbol " + name + " (libjpeg-turbo 2.0 or later is needed)"));
    }

    @Override
    public Header header(byte[] jpeg) {
        return withDecompressor(handle -> {
            int[] fields = new int[4];
            MemorySegment out = MemorySegment.ofArray(fields);
            int status = (int) decompressHeader3.invokeExact(
                    handle,
                    MemorySegment.ofArray(jpeg),
                    (long) jpeg.length,
                    out,
                    out.asSlice(4),
                    out.asSlice(8),
                    out.asSlice(12));
            if (status != 0) {
                throw new IllegalArgumentException(error(handle));
            }
            return new Header(fields[0], fields[1], fields[3]);
        });
    }

    @Override
    public Outcome decode(byte[] jpeg, int width, int height, byte[] rgb) {
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes for " + width + "x" + height);
        }
        return withDecompressor(handle -> {
            // TurboJPEG picks the largest scaling factor whose result fits in width x height.
            int status = (int) decompress2.invokeExact(
                    handle,
                    MemorySegment.ofArray(jpeg),
                    (long) jpeg.length,
                    MemorySegment.ofArray(rgb),
                    width,
                    width * 3,
                    height,
                    TJPF_RGB,
                    0);
            if (status == 0) {
                return Outcome.COMPLETE;
            }
            String message = error(handle);
            if ((int) errorCode.invokeExact(handle) != TJERR_WARNING) {
                throw new IllegalArgumentException(message);
            }
            // libjpeg warns and pads with gray on a cut-off stream; other warnings (extraneous bytes) are harmless.
            return message.toLowerCase(Locale.ROOT).contains("premature end") ? Outcome.TRUNCATED : Outcome.COMPLETE;
        });
    }

    /** A call on a TurboJPEG decompressor handle. */
    @FunctionalInterface
    private interface Call<T> {
        T on(MemorySegment handle) throws Throwable;
    }

    /** Runs {@code call} on a new decompressor, destroyed afterwards. */
    private <T> T withDecompressor(Call<T> call) {
        MemorySegment handle = open();
        try {
            return call.on(handle);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            close(handle);
        }
    }

    private MemorySegment open() {
        try {
            MemorySegment handle = (MemorySegment) initDecompress.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("tjInitDecompress failed");
            }
            return handle;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private void close(MemorySegment handle) {
        try {
            int ignored = (int) destroy.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String error(MemorySegment handle) throws Throwable {
        MemorySegment text = (MemorySegment) errorString2.invokeExact(handle);
        return text.reinterpret(1024).getString(0);
    }

    @Override
    public String description() {
        return "libjpeg-turbo (" + library + ")";
    }
}
