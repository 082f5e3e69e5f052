/**
 * Image files to pixels: decoding (JPEG, PNG, BMP, GIF, WebP), RGB conversion as PIL's
 * {@code convert("RGB")} does it, EXIF orientation, and the decompression-bomb guard.
 */
package dev.lookalike.image;
