package dev.lookalike.model;

/**
 * A model name that names no model usable here: unknown, a fusion that does not parse, or a model
 * that can't do what was asked (a computed one has no preprocessing). The caller gave a wrong name,
 * so a command line reports it as a usage error.
 */
public class ModelNameException extends IllegalArgumentException {

    public ModelNameException(String message) {
        super(message);
    }
}
