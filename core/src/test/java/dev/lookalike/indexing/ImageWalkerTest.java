package dev.lookalike.indexing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageWalkerTest {

    @TempDir
    Path root;

    @TempDir
    Path outside;

    @Test
    void findsImagesRecursivelyInSortedOrderSkippingHiddenAndNonImages() throws IOException {
        touch("b.jpg");
        touch("a/z.PNG");
        touch("a/y.webp");
        touch("a/notes.txt");
        touch(".hidden.jpg");
        touch(".cache/c.jpg");
        touch("c/d/e.jpeg");
        touch("noext");
        assertEquals(List.of("a/y.webp", "a/z.PNG", "b.jpg", "c/d/e.jpeg"), ImageWalker.list(root));
    }

    @Test
    void followsLinksButNotLoops() throws IOException {
        touch("x/one.jpg");
        Files.createSymbolicLink(root.resolve("x/loop"), root.resolve("x"));
        Files.createFile(outside.resolve("two.gif"));
        Files.createSymbolicLink(root.resolve("linked"), outside);
        assertEquals(List.of("linked/two.gif", "x/one.jpg"), ImageWalker.list(root));
    }

    @Test
    void missingOrFileRootIsAnError() throws IOException {
        assertThrows(NoSuchFileException.class, () -> ImageWalker.list(root.resolve("absent")));
        touch("file.jpg");
        assertThrows(NotDirectoryException.class, () -> ImageWalker.list(root.resolve("file.jpg")));
    }

    private void touch(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});
    }
}
