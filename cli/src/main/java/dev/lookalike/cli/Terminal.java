package dev.lookalike.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether stderr goes to a person at a terminal, so progress bars make sense. */
final class Terminal {

    private Terminal() {}

    /**
     * True when there is a console attached to a terminal. On JDK 22 and later
     * {@code System.console()} exists even when output is redirected, so {@code Console.isTerminal()}
     * (looked up reflectively: we compile for Java 21) has the last word.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is only there for a terminal
        }
    }
}
