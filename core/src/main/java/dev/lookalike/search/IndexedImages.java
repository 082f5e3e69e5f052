package dev.lookalike.search;

import dev.lookalike.store.IndexStore;
import dev.lookalike.store.PathOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The images a server may show, addressed by id: the embedded files of an index (or a remote backend), under their root. A
 * request names an id, never a path, so nothing a client sends ever reaches the file system.
 */
public final class IndexedImages {

    private final Path root;
    private final Map<String, Long> idsByPath;
    private final Map<Long, String> pathsById = new HashMap<>();

    /**
     * @param root      the indexed folder; stored paths are relative to it
     * @param idsByPath each image's id by its stored path
     */
    public IndexedImages(Path root, Map<String, Long> idsByPath) {
        this.root = root.toAbsolutePath().normalize();
        this.idsByPath = new LinkedHashMap<>(idsByPath);
        idsByPath.forEach((path, id) -> pathsById.put(id, path));
    }

    /** The embedded files of an index, with the ids the index gave them. */
    public static IndexedImages of(IndexStore store) throws IOException {
        return new IndexedImages(Path.of(store.info().root()), store.fileIds());
    }

    /**
     * Images without ids of their own (a remote backend's): ids 1 to n in the order of the paths' UTF-8 bytes,
     * the order a local index lists its files in, so the same images always get the same ids.
     */
    public static IndexedImages inPathOrder(Path root, Collection<String> paths) {
        List<String> sorted = paths.stream().distinct().sorted(PathOrder.UTF8).toList();
        Map<String, Long> ids = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            ids.put(sorted.get(i), i + 1L);
        }
        return new IndexedImages(root, ids);
    }

    /** How many images there are. */
    public int size() {
        return idsByPath.size();
    }

    /** The id of the image at a stored path, if it is one of them. */
    public OptionalLong id(String path) {
        Long id = idsByPath.get(path);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** The stored path of an image. */
    public Optional<String> path(long id) {
        return Optional.ofNullable(pathsById.get(id));
    }

    /** The file of an image on disk; empty for an unknown id, or a stored path that would leave the root. */
    public Optional<Path> file(long id) {
        return path(id).map(root::resolve).map(Path::normalize).filter(file -> file.startsWith(root));
    }
}
