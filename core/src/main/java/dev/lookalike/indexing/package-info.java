/**
 * A folder to a durable index: finding the images, deciding what changed, embedding in batches
 * and committing them to the store so that an interrupted run resumes where it stopped.
 */
package dev.lookalike.indexing;
