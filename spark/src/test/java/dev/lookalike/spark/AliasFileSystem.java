package dev.lookalike.spark;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code alias:}, known only to a configuration that names it in
 * {@code fs.alias.impl}; unlike {@code file:} it keeps no checksum files, whose names Hadoop cannot build for a file
 * name with a colon.
 */
public final class AliasFileSystem extends RawLocalFileSystem {

    /**
     * Names this class in {@code conf}, uncached: a cached instance would be found by any configuration, which in
     * local mode hides an executor reading with a configuration other than the driver's.
     */
    static void register(Configuration conf) {
        conf.set("fs.alias.impl", AliasFileSystem.class.getName());
        conf.setBoolean("fs.alias.impl.disable.cache", true);
    }

    @Override
    public URI getUri() {
        return URI.create("alias:///");
    }
}
