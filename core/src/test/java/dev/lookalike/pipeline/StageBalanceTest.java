package dev.lookalike.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StageBalanceTest {

    @Test
    void workersAreTheDecodeCostOverTheInferenceTimeRoundedUpWithinOneAndTheMaximum() {
        assertEquals(1, StageBalance.chooseWorkers(10, 50, 8), "model-bound: one worker keeps up");
        assertEquals(1, StageBalance.chooseWorkers(50, 50, 8), "exactly one worker's worth");
        assertEquals(2, StageBalance.chooseWorkers(51, 50, 8));
        assertEquals(3, StageBalance.chooseWorkers(270, 100, 8));
        assertEquals(8, StageBalance.chooseWorkers(2700, 100, 8), "decode-bound: every core");
        assertEquals(8, StageBalance.chooseWorkers(10, 0, 8), "nothing measured yet: as fast as possible");
        assertEquals(1, StageBalance.chooseWorkers(0, 50, 8));
    }

    @Test
    void anAdaptiveBalanceFollowsMovingAveragesOfTheBatchesAndAFixedOneNeverMoves() {
        StageBalance adaptive = new StageBalance(0);
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, adaptive.workers(), "before any batch: every core");
        // 8 images, 80 ms of decoding CPU, 400 ms of inference: model-bound.
        assertEquals(1, adaptive.update(8, 80_000_000L, 400_000_000L));
        StageSplit split = adaptive.split();
        assertEquals(10.0, split.decodeMillis(), 1e-9);
        assertEquals(50.0, split.inferenceMillis(), 1e-9);
        assertTrue(split.adaptive());
        assertFalse(split.decodeBound());
        // A batch of big photos: 8 x 300 ms decoding against 8 x 50 ms inference; the average moves halfway.
        adaptive.update(8, 2_400_000_000L, 400_000_000L);
        assertEquals(155.0, adaptive.split().decodeMillis(), 1e-9);
        assertEquals(Math.min(cores, 4), adaptive.workers());
        assertEquals(cores <= 3, adaptive.split().decodeBound(), "155 ms over the workers against 50 ms");
        assertEquals(adaptive.workers(), adaptive.update(0, 0, 0), "an empty batch changes nothing");

        StageBalance fixed = new StageBalance(3);
        fixed.update(8, 80_000_000L, 400_000_000L);
        assertEquals(3, fixed.workers());
        assertFalse(fixed.split().adaptive());
        assertEquals(3, fixed.split().maxWorkers());
    }
}
