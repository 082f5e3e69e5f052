/**
 * Image files to vectors at speed: decoding and preprocessing on worker threads, overlapped with
 * batched inference for one or more models, in bounded memory.
 */
package dev.lookalike.pipeline;
