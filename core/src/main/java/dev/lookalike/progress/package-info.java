/**
 * Progress reports for long work (downloads, indexing): a bar on a terminal, plain lines in logs, nothing when quiet.
 */
package dev.lookalike.progress;
