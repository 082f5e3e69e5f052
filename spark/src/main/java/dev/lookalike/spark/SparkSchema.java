package dev.lookalike.spark;

import dev.lookalike.model.ModelIdentity;
import dev.lookalike.parquet.EmbeddingColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The Spark schema of {@link EmbeddingColumns}: what the job's output rows look like. */
final class SparkSchema {

    private SparkSchema() {}

    static StructType of(List<ModelIdentity> models) {
        List<StructField> fields = new ArrayList<>(List.of(
                DataTypes.createStructField(EmbeddingColumns.PATH, DataTypes.StringType, false),
                DataTypes.createStructField(EmbeddingColumns.SIZE, DataTypes.LongType, true),
                DataTypes.createStructField(EmbeddingColumns.MTIME_MILLIS, DataTypes.LongType, true),
                DataTypes.createStructField(EmbeddingColumns.SHA256, DataTypes.StringType, true),
                DataTypes.createStructField(EmbeddingColumns.WIDTH, DataTypes.IntegerType, true),
                DataTypes.createStructField(EmbeddingColumns.HEIGHT, DataTypes.IntegerType, true),
                DataTypes.createStructField(EmbeddingColumns.STATUS, DataTypes.StringType, false),
                DataTypes.createStructField(EmbeddingColumns.ERROR, DataTypes.StringType, true)));
        for (ModelIdentity model : models) {
            fields.add(DataTypes.createStructField(
                    model.name(), DataTypes.createArrayType(DataTypes.FloatType, true), true));
        }
        return DataTypes.createStructType(fields);
    }
}
