package dev.lookalike.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-tag EXIF reader: the plain layouts it answers, and the rest it hands to metadata-extractor. */
class TiffOrientationTest {

    private static final int ORIENTATION = 0x0112;
    private static final int SHORT = 3;
    private static final int LONG = 4;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsASingleShortInEitherByteOrder(boolean littleEndian) {
        byte[] tiff = tiff(littleEndian, new int[][] {{0x010F, 2, 4, 0}, {ORIENTATION, SHORT, 1, 6}});
        assertEquals(6, TiffOrientation.read(tiff, 0, tiff.length));
    }

    @Test
    void readsAtAnOffsetWithinALargerArray() {
        byte[] tiff = tiff(false, new int[][] {{ORIENTATION, SHORT, 1, 8}});
        byte[] padded = new byte[tiff.length + 10];
        System.arraycopy(tiff, 0, padded, 7, tiff.length);
        assertEquals(8, TiffOrientation.read(padded, 7, 7 + tiff.length));
    }

    @Test
    void isOneWithoutTheTag() {
        byte[] tiff = tiff(true, new int[][] {{0x010F, 2, 4, 0}});
        assertEquals(1, TiffOrientation.read(tiff, 0, tiff.length));
    }

    @Test
    void leavesOtherValueTypesAndRepeatedTagsToTheFullParser() {
        byte[] asLong = tiff(true, new int[][] {{ORIENTATION, LONG, 1, 6}});
        byte[] twice = tiff(true, new int[][] {{ORIENTATION, SHORT, 1, 6}, {ORIENTATION, SHORT, 1, 3}});
        byte[] twoValues = tiff(true, new int[][] {{ORIENTATION, SHORT, 2, 6}});
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(asLong, 0, asLong.length));
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(twice, 0, twice.length));
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(twoValues, 0, twoValues.length));
    }

    @Test
    void leavesBadHeadersAndCutIfdsToTheFullParser() {
        byte[] tiff = tiff(true, new int[][] {{ORIENTATION, SHORT, 1, 6}});
        byte[] badOrder = tiff.clone();
        badOrder[0] = 'X';
        byte[] badMagic = tiff.clone();
        badMagic[2] = 43;
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(badOrder, 0, badOrder.length));
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(badMagic, 0, badMagic.length));
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(tiff, 0, tiff.length - 1));
        assertEquals(TiffOrientation.UNUSUAL, TiffOrientation.read(tiff, 0, 6));
    }

    /** A TIFF header and an IFD0 of the given {tag, type, count, value} entries, nothing after. */
    private static byte[] tiff(boolean littleEndian, int[][] entries) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries.length * 12)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
        b.putShort((short) 42).putInt(8).putShort((short) entries.length);
        for (int[] e : entries) {
            b.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == SHORT) {
                b.putShort((short) e[3]).putShort((short) 0);
            } else {
                b.putInt(e[3]);
            }
        }
        return b.array();
    }
}
