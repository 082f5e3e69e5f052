package dev.lookalike.cli;

/** Entry point of the {@code lookalike} command-line tool. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(LookalikeCommand.execute(args));
    }
}
