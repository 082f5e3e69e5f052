package dev.lookalike.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** The EXIF orientation tag (1..8) and the rotation/flip it asks for, as PIL's {@code exif_transpose}. */
final class ExifOrientation {

    private ExifOrientation() {}

    /** The orientation tag of an encoded image, 1 (as stored) when absent or unreadable. */
    static int read(byte[] encoded) {
        if (JpegSegments.isJpeg(encoded)) {
            // metadata-extractor parses every tag of every segment (a millisecond per photo); the
            // usual JPEG needs one tag of IFD0, and anything out of the ordinary still goes to it.
            JpegSegments.Exif exif = JpegSegments.exif(encoded);
            if (!exif.malformedHeader()) {
                int orientation = exif.found() ? TiffOrientation.read(encoded, exif.tiffStart(), exif.tiffEnd()) : 1;
                if (orientation != TiffOrientation.UNUSUAL) {
                    return valid(orientation);
                }
            }
        }
        return readWithMetadataExtractor(encoded);
    }

    private static int readWithMetadataExtractor(byte[] encoded) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(encoded), encoded.length);
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            return valid(ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION));
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            // A broken EXIF block must not make a decodable image fail; PIL would not rotate either.
            return 1;
        }
    }

    private static int valid(int orientation) {
        return orientation >= 1 && orientation <= 8 ? orientation : 1;
    }

    /** The image as it should be displayed for the given orientation tag. */
    static DecodedImage apply(DecodedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        byte[] src = image.rgb();
        byte[] dst = new byte[src.length];
        int d = 0;
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int s = sourceIndex(orientation, x, y, w, h) * 3;
                dst[d++] = src[s];
                dst[d++] = src[s + 1];
                dst[d++] = src[s + 2];
            }
        }
        return new DecodedImage(outW, outH, dst);
    }

    /** The stored pixel shown at display position (x, y); w and h are the stored dimensions. */
    private static int sourceIndex(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            case 8 -> x * w + (w - 1 - y);
            default -> throw new IllegalArgumentException("EXIF orientation must be 2..8: " + orientation);
        };
    }
}
