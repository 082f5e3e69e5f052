/**
 * Search results for people to look at: JPEG thumbnails and a self-contained HTML page
 * showing each query beside every model's nearest images.
 */
package dev.lookalike.report;
