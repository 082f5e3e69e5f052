package dev.lookalike.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorMathTest {

    @Test
    void normalizesToUnitLength() {
        assertArrayEquals(new float[] {0.6f, 0.8f}, VectorMath.l2Normalize(new float[] {3, 4}), 1e-7f);
    }

    @Test
    void leavesTheInputUntouched() {
        float[] v = {3, 4};
        VectorMath.l2Normalize(v);
        assertArrayEquals(new float[] {3, 4}, v);
    }

    @Test
    void zeroVectorStaysZero() {
        assertArrayEquals(new float[3], VectorMath.l2Normalize(new float[3]));
    }

    @Test
    void cosineOfKnownVectors() {
        assertEquals(1.0, VectorMath.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-12);
        assertEquals(0.0, VectorMath.cosine(new float[] {1, 0}, new float[] {0, 5}), 1e-12);
        assertEquals(-1.0, VectorMath.cosine(new float[] {1, 1}, new float[] {-3, -3}), 1e-12);
        assertEquals(Math.sqrt(0.5), VectorMath.cosine(new float[] {1, 0}, new float[] {1, 1}), 1e-12);
    }

    @Test
    void cosineWithZeroVectorIsZero() {
        assertEquals(0.0, VectorMath.cosine(new float[] {0, 0}, new float[] {1, 1}));
    }

    @Test
    void dimensionMismatchNamesBothDimensions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorMath.cosine(new float[512], new float[768]));
        assertEquals("vector dimensions differ: 512 vs 768", e.getMessage());
    }
}
