package dev.lookalike.store;

import java.util.Set;

/**
 * A file record together with the models it has vectors for: what a resumed run needs to decide what to skip.
 *
 * @param record the file's record
 * @param models the names of the models that embedded the file's current content (empty when skipped)
 */
public record StoredFile(FileRecord record, Set<String> models) {

    public StoredFile {
        models = Set.copyOf(models);
    }
}
