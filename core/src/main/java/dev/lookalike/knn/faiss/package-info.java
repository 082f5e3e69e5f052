/** FAISS index files in and out: flat indexes ({@code IndexFlatL2}, {@code IndexFlatIP}) as Python's
 * {@code faiss.write_index} writes them and {@code faiss.read_index} reads them. */
package dev.lookalike.knn.faiss;
