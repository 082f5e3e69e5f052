package dev.lookalike.parquet;

import dev.lookalike.model.ModelIdentity;
import java.util.List;
import java.util.Set;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The columns of an embedding row, as Spark writes a DataFrame with them: one row per image file.
 *
 * <pre>
 * message spark_schema {
 *   required binary path (STRING);      relative to the manifest's root, '/' separators
 *   optional int64 size;                bytes
 *   optional int64 mtime_millis;        last modified, ms since the epoch
 *   optional binary sha256 (STRING);    lower-case hex of the content
 *   optional int32 width;               decoded pixels (0 on error)
 *   optional int32 height;
 *   required binary status (STRING);    "ok" or "error"
 *   optional binary error (STRING);     why the image could not be embedded
 *   optional group MODEL (LIST) {       one per model, named as the model; null on error
 *     repeated group list { optional float element; }
 *   }
 * }
 * </pre>
 */
public final class EmbeddingColumns {

    public static final String PATH = "path";
    public static final String SIZE = "size";
    public static final String MTIME_MILLIS = "mtime_millis";
    public static final String SHA256 = "sha256";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String STATUS = "status";
    public static final String ERROR = "error";

    /** {@link #STATUS} of an embedded image. */
    public static final String OK = "ok";
    /** {@link #STATUS} of an image that could not be read or embedded. */
    public static final String FAILED = "error";

    /** The metadata columns, in order; a model may not take one of these names. */
    public static final List<String> METADATA = List.of(PATH, SIZE, MTIME_MILLIS, SHA256, WIDTH, HEIGHT, STATUS, ERROR);

    private static final Set<String> RESERVED = Set.copyOf(METADATA);

    private EmbeddingColumns() {}

    /**
     * Refuses a model name that is not usable as a column: a metadata column's name, or blank.
     *
     * @throws IllegalArgumentException naming the model
     */
    public static void requireModelColumn(String model) {
        if (model.isBlank() || RESERVED.contains(model)) {
            throw new IllegalArgumentException(
                    "model name '" + model + "' cannot be a Parquet column (reserved: " + METADATA + ")");
        }
    }

    /** The Parquet schema of rows with vectors of {@code models}, in order. */
    public static MessageType schema(List<ModelIdentity> models) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        message.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(PATH);
        message.optional(PrimitiveTypeName.INT64).named(SIZE);
        message.optional(PrimitiveTypeName.INT64).named(MTIME_MILLIS);
        message.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(SHA256);
        message.optional(PrimitiveTypeName.INT32).named(WIDTH);
        message.optional(PrimitiveTypeName.INT32).named(HEIGHT);
        message.required(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(STATUS);
        message.optional(PrimitiveTypeName.BINARY)
                .as(LogicalTypeAnnotation.stringType())
                .named(ERROR);
        for (ModelIdentity model : models) {
            requireModelColumn(model.name());
            message.addField(floatList(model.name()));
        }
        return message.named("spark_schema");
    }

    /** Spark's (and the Parquet spec's) three-level list of nullable floats. */
    private static Type floatList(String name) {
        return Types.optionalList().optionalElement(PrimitiveTypeName.FLOAT).named(name);
    }
}
