package dev.lookalike.cli;

import java.util.function.Supplier;

/**
 * A command line that is wrong in a way picocli can't see by itself (an option's value out of range,
 * options that don't go together): exit code 2, its message as the one-line error.
 */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }

    /**
     * What {@code make} returns from values of the command line; its {@link IllegalArgumentException},
     * the library refusing such a value, is a usage error with the same message.
     */
    static <T> T checking(Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
