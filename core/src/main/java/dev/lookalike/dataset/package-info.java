/**
 * Benchmark sets made from any folder of photos: copy-detection sets in the DISC21 layout (seeded,
 * reproducible edits such as crops, colour changes, overlays, compositing, drawn with Java2D) and
 * near-duplicate sets with known groups ({@code groups.csv}), each with its ground truth.
 */
package dev.lookalike.dataset;
