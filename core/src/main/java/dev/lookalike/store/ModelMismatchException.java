package dev.lookalike.store;

import java.nio.file.Path;

/** A model whose identity differs from the one recorded in the index under the same name. */
public class ModelMismatchException extends IndexStoreException {

    private final String model;
    private final String field;

    public ModelMismatchException(Path index, String model, String field, Object recorded, Object given) {
        super(
                index,
                "model '" + model + "' differs from the one the index was built with: " + field
                        + " is " + given + ", the index has " + recorded
                        + "; use a new index, or a different model name");
        this.model = model;
        this.field = field;
    }

    /** The model's name. */
    public String model() {
        return model;
    }

    /** The first field that differs: {@code definitionSha256}, {@code output}, {@code pooling} or {@code dimension}. */
    public String field() {
        return field;
    }
}
