/**
 * Files that appear whole or not at all: written beside their target, flushed to disk and
 * renamed over it, so a crash or an error never leaves a half-written file.
 */
package dev.lookalike.io;
