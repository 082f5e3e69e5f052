/** What a background set of images (neither references nor queries) teaches a descriptor: PCA whitening
 * ({@link dev.lookalike.calibration.PcaWhitening}) and score normalisation
 * ({@link dev.lookalike.calibration.ScoreNormalization}), as the copy-detection field evaluates them. */
package dev.lookalike.calibration;
