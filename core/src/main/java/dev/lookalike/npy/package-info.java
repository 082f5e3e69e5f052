/** NumPy {@code .npy} arrays in and out: golden tensors from Python, embeddings for users. */
package dev.lookalike.npy;
