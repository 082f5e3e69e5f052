package dev.lookalike.report;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import dev.lookalike.image.DecodedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Turns decoded pixels upright as the EXIF orientation tag (values 1 to 8) says. */
final class ExifOrientation {

    private ExifOrientation() {
    }

    /** The file's EXIF orientation, 1 (upright) when it has none or its metadata cannot be read. */
    static int of(Path file) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(file.toFile())
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : 1;
        } catch (ImageProcessingException | MetadataException | IOException e) {
            // Metadata is a nicety for a thumbnail: pixels that decode are still worth showing.
            return 1;
        }
    }

    /** The image as it should be displayed, for an orientation from 1 to 8. */
    static DecodedImage apply(DecodedImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swapsSides = orientation >= 5;
        int outW = swapsSides ? h : w;
        int outH = swapsSides ? w : h;
        byte[] out = new byte[image.rgb().length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int source = sourceIndex(orientation, x, y, w, h);
                System.arraycopy(image.rgb(), source * 3, out, (y * outW + x) * 3, 3);
            }
        }
        return new DecodedImage(outW, outH, out);
    }

    /** The stored pixel shown at displayed position (x, y), for a stored image of w x h. */
    private static int sourceIndex(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);                 // mirrored left-right
            case 3 -> (h - 1 - y) * w + (w - 1 - x);       // rotated 180
            case 4 -> (h - 1 - y) * w + x;                 // mirrored top-bottom
            case 5 -> x * w + y;                           // transposed
            case 6 -> (h - 1 - x) * w + y;                 // needs 90 degrees clockwise
            case 7 -> (h - 1 - x) * w + (w - 1 - y);       // transversed
            case 8 -> x * w + (w - 1 - y);                 // needs 90 degrees counter-clockwise
            default -> y * w + x;
        };
    }
}
