package dev.lookalike.model;

import java.util.Collection;

/** A model name that is not known; a usage error, not a failure of the work. */
public class UnknownModelException extends ModelNameException {

    public UnknownModelException(String name, Collection<String> known) {
        super("unknown model '" + name + "' (known: " + String.join(", ", known)
                + "; or use --model-dir DIR --output NAME --pooling none|mean|cls)");
    }
}
