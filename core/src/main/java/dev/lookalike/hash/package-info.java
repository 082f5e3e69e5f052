/**
 * Perceptual hashes: a small grayscale image to 64 bits that change little when the image is
 * resized, recompressed or slightly edited; compared by Hamming distance.
 */
package dev.lookalike.hash;
