/**
 * Serving without HTTP: a query image to the JSON documents a server answers, over any
 * {@link dev.lookalike.search.VectorSearcher} backend, with the models and fusions asked for.
 */
package dev.lookalike.serving;
