package dev.lookalike.solr;

import dev.lookalike.model.ModelIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;

/**
 * The layout of a lookalike collection: field names, the configset uploaded when a collection is created
 * ({@code configset/managed-schema.xml} and {@code solrconfig.xml} beside this class), one vector field per
 * model, and the model records that guard against mixing models.
 */
final class CollectionSchema {

    static final String ID = "id";
    static final String DOC_TYPE = "doc_type";
    static final String IMAGE = "image";
    static final String MODEL = "model";
    static final String PATH = "path";
    static final String SIZE = "size";
    static final String MTIME = "mtime";
    static final String SHA256 = "sha256";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String ROOT = "root";

    /** HNSW graph parameters of every vector field: Lucene's defaults, written down so they are explicit. */
    static final int HNSW_MAX_CONNECTIONS = 16;

    static final int HNSW_BEAM_WIDTH = 100;

    private static final String MODEL_NAME = "model_name";
    private static final String MODEL_ONNX_SHA256 = "model_onnx_sha256";
    private static final String MODEL_OUTPUT = "model_output";
    private static final String MODEL_POOLING = "model_pooling";
    private static final String MODEL_DIMENSION = "model_dimension";
    private static final String MODEL_FIELD = "model_field";
    private static final List<String> CONFIGSET_FILES = List.of("solrconfig.xml", "managed-schema.xml");

    private CollectionSchema() {}

    /** The vector field of a model: {@code vector_} and the name with characters other than letters, digits and _ as _. */
    static String vectorField(String model) {
        return "vector_" + model.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The field type of vectors of {@code dimension} floats compared by cosine. */
    static String vectorType(int dimension) {
        return "knn_" + dimension + "_cosine";
    }

    /** The attributes of {@link #vectorType}, as the Schema API takes them. */
    static Map<String, Object> vectorTypeDefinition(int dimension) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("name", vectorType(dimension));
        type.put("class", "solr.DenseVectorField");
        type.put("vectorDimension", dimension);
        type.put("similarityFunction", "cosine");
        type.put("knnAlgorithm", "hnsw");
        type.put("hnswMaxConnections", HNSW_MAX_CONNECTIONS);
        type.put("hnswBeamWidth", HNSW_BEAM_WIDTH);
        return type;
    }

    /** The attributes of a model's vector field: indexed for kNN, stored for exact re-ranking. */
    static Map<String, Object> vectorFieldDefinition(ModelIdentity model) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", vectorField(model.name()));
        field.put("type", vectorType(model.dimension()));
        field.put("indexed", true);
        field.put("stored", true);
        return field;
    }

    /** The id of a model's record: a path no image can have, since image paths are relative. */
    static String modelId(String model) {
        return "/models/" + model;
    }

    static SolrInputDocument modelDocument(ModelIdentity model, String root) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField(ID, modelId(model.name()));
        doc.setField(DOC_TYPE, MODEL);
        doc.setField(MODEL_NAME, model.name());
        doc.setField(MODEL_ONNX_SHA256, model.definitionSha256());
        doc.setField(MODEL_OUTPUT, model.output());
        doc.setField(MODEL_POOLING, model.pooling());
        doc.setField(MODEL_DIMENSION, model.dimension());
        doc.setField(MODEL_FIELD, vectorField(model.name()));
        doc.setField(ROOT, root);
        return doc;
    }

    static ModelIdentity modelIdentity(SolrDocument doc) {
        return new ModelIdentity(
                (String) doc.getFirstValue(MODEL_NAME),
                (String) doc.getFirstValue(MODEL_ONNX_SHA256),
                (String) doc.getFirstValue(MODEL_OUTPUT),
                (String) doc.getFirstValue(MODEL_POOLING),
                ((Number) doc.getFirstValue(MODEL_DIMENSION)).intValue());
    }

    /** The first field of {@code stored} that differs from {@code given}, as "field is X, the collection has Y"; null when equal. */
    static String difference(ModelIdentity stored, ModelIdentity given) {
        return stored.firstDifference(given)
                .map(d -> d.field() + " is " + d.theirs() + ", the collection has " + d.mine())
                .orElse(null);
    }

    /** The configset as the zip file Solr's configset UPLOAD takes. */
    static byte[] configsetZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String file : CONFIGSET_FILES) {
                zip.putNextEntry(new ZipEntry(file));
                try (InputStream in = CollectionSchema.class.getResourceAsStream("configset/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("configset file " + file + " is missing from the jar");
                    }
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the configset zip in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The configset's name for a collection. */
    static String configsetName(String collection) {
        return "lookalike-" + collection;
    }
}
