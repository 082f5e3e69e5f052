package dev.lookalike.store;

import dev.lookalike.image.DecodeMode;
import java.nio.file.Path;

/** Images decoded in another {@link DecodeMode} than the one a model's vectors in the index come from. */
public final class DecodeModeMismatchException extends IndexStoreException {

    public DecodeModeMismatchException(Path index, String model, DecodeMode recorded, DecodeMode given) {
        super(
                index,
                "model '" + model + "' vectors come from images decoded with --decode " + recorded.label()
                        + ", these are decoded with --decode " + given.label() + "; use --decode " + recorded.label()
                        + " with this index, or a new index");
    }
}
