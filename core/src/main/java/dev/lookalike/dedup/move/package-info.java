/**
 * Safe moves for {@code dedup --move-to}: duplicates moved into a folder under their relative
 * paths, never deleted or overwritten, with a journal that lets {@code dedup undo} put every file
 * back byte for byte, even after a {@code kill -9} at any moment.
 */
package dev.lookalike.dedup.move;
