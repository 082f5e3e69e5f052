/**
 * The HTTP JSON API and the web page over an index: search by upload or by indexed image, compare two images,
 * browse indexed images by id, metrics. A library; the CLI's {@code serve} merely starts it.
 */
package dev.lookalike.server;
