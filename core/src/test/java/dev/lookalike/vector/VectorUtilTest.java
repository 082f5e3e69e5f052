package dev.lookalike.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorUtilTest {

    @Test
    void valuesCheckableByHand() {
        float[] a = {3, 4};
        float[] b = {4, -3};
        assertEquals(0f, VectorUtil.dot(a, b));
        assertEquals(50f, VectorUtil.squareDistance(a, b));
        assertEquals(5f, VectorUtil.norm(a));
        assertEquals(0f, VectorUtil.cosine(a, b));
        assertEquals(-1f, VectorUtil.cosine(a, new float[] {-6, -8}), 1e-7);
        assertArrayEquals(new float[] {0.6f, 0.8f}, VectorUtil.l2Normalized(a));
        assertArrayEquals(new float[] {3, 4}, a, "l2Normalized must not modify its argument");
        assertTrue(VectorUtil.l2Normalize(a) == a);
        assertArrayEquals(new float[] {0.6f, 0.8f}, a);
    }

    @Test
    void dimensionMismatchNamesBothDimensions() {
        float[] a = new float[768];
        float[] b = new float[512];
        for (Runnable call : new Runnable[] {
            () -> VectorUtil.dot(a, b), () -> VectorUtil.squareDistance(a, b), () -> VectorUtil.cosine(a, b)
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("768") && e.getMessage().contains("512"), e.getMessage());
        }
    }

    @Test
    void zeroAndNonFiniteVectorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.l2Normalize(new float[3]));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.l2Normalize(new float[] {1, Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.cosine(new float[2], new float[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> VectorUtil.normalizeRow(new float[4], 2, 3));
    }

    @Test
    void normalizeRowTouchesOnlyItsRow() {
        float[] rows = {3, 4, 0, 2};
        VectorUtil.normalizeRow(rows, 2, 2);
        assertArrayEquals(new float[] {3, 4, 0, 1}, rows);
    }
}
