package dev.lookalike.store;

/** Whether a file was embedded ({@link #OK}) or could not be read ({@link #SKIPPED}, with its reason). */
public enum FileStatus {
    OK,
    SKIPPED;

    String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static FileStatus fromSql(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
