/**
 * Copy-detection sets in the DISC21 layout made from any folder of photos: seeded, reproducible
 * edits (crops, colour changes, overlays, compositing...) drawn with Java2D, and the ground truth.
 */
package dev.lookalike.dataset;
