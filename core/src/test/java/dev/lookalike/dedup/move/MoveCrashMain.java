package dev.lookalike.dedup.move;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child of {@link MoveCrashTest}: moves the files listed in a file into a folder, and when move
 * number N reaches the given stage prints {@code reached} and waits, for the parent to kill it there.
 *
 * <p>Arguments: ROOT DIR PATHS-FILE STAGE N.
 */
public final class MoveCrashMain {

    private MoveCrashMain() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        List<String> paths = Files.readAllLines(Path.of(args[2]));
        MoveStage stage = MoveStage.valueOf(args[3]);
        int entry = Integer.parseInt(args[4]);
        SafeMoves.move(SafeMoves.plan(root, paths, dir), dir, MovedFiles.NONE, (reached, number, file) -> {
            if (reached == stage && number == entry) {
                System.out.println("reached");
                System.out.flush();
                try {
                    System.in.read(); // the parent kills us here
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        System.out.println("finished");
    }
}
