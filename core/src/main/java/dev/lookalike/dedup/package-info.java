/**
 * Near-duplicates in an index: every pair of images whose cosine reaches a threshold (an exact self-join of the
 * stored vectors), grouped around a suggested keeper with a guard against chaining, minus the groups a person
 * marked "not duplicates".
 */
package dev.lookalike.dedup;
