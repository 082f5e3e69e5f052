/**
 * The model cache and its downloads from a Hugging Face-style hub: resumable, verified, atomic.
 */
package dev.lookalike.hub;
