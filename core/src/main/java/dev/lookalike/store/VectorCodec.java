package dev.lookalike.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as BLOBs: little-endian float32, the layout of {@code .npy} and FAISS files. */
final class VectorCodec {

    private VectorCodec() {}

    static byte[] encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    /** Decodes {@code blob} into {@code target[offset .. offset + blob.length / 4)}. */
    static void decode(byte[] blob, float[] target, int offset) {
        ByteBuffer.wrap(blob)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(target, offset, blob.length / Float.BYTES);
    }
}
