/**
 * The stages composed: two images to a similarity per model, a query image to the nearest
 * indexed images per model.
 */
package dev.lookalike.search;
