package dev.lookalike.store;

import java.sql.SQLException;

/** Faults the store can simulate, opened to tests in other packages (the indexer's). */
public final class StoreFaults {

    private StoreFaults() {}

    /** A full disk: the store's database may no longer grow (see {@link IndexStore#limitPages}). */
    public static void fillDisk(IndexStore store) throws SQLException {
        // SQLite raises a max_page_count below the current size to the current size.
        store.limitPages(1);
    }
}
