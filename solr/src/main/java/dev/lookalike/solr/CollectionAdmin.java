package dev.lookalike.solr;

import dev.lookalike.model.ModelIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.schema.FieldTypeDefinition;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;

/** Creates lookalike collections, adds their vector fields and reads the model records they hold. */
final class CollectionAdmin {

    /** How long a schema change may take to reach every replica. */
    private static final int SCHEMA_UPDATE_TIMEOUT_SECONDS = 60;

    private final SolrConnection solr;
    private final String collection;

    CollectionAdmin(SolrConnection solr, String collection) {
        this.solr = solr;
        this.collection = collection;
    }

    /**
     * Creates the collection with lookalike's configset when it does not exist.
     *
     * @return whether it was created
     */
    boolean createIfMissing(int shards, int replicas) throws SolrBackendException {
        if (solr.exists(collection)) {
            return false;
        }
        String configset = CollectionSchema.configsetName(collection);
        try {
            ContentStreamBase.ByteArrayStream zip =
                    new ContentStreamBase.ByteArrayStream(CollectionSchema.configsetZip(), configset + ".zip");
            zip.setContentType("application/zip");
            new ConfigSetAdminRequest.Upload()
                    .setConfigSetName(configset)
                    .setUploadStream(zip)
                    .setOverwrite(true)
                    .process(solr.client());
            CollectionAdminRequest.Create create =
                    CollectionAdminRequest.createCollection(collection, configset, shards, replicas);
            create.setWaitForFinalState(true);
            create.process(solr.client());
            return true;
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot create the collection", e);
        }
    }

    /**
     * Adds a vector field for each model that has none, and checks that existing ones hold vectors of the
     * model's dimension.
     */
    void ensureVectorFields(Collection<ModelIdentity> models) throws SolrBackendException {
        try {
            Map<String, String> fieldTypes = new LinkedHashMap<>();
            for (Map<String, Object> field : new SchemaRequest.Fields()
                    .process(solr.client(), collection)
                    .getFields()) {
                fieldTypes.put((String) field.get("name"), (String) field.get("type"));
            }
            List<String> types = new SchemaRequest.FieldTypes()
                    .process(solr.client(), collection).getFieldTypes().stream()
                            .map(t -> (String) t.getAttributes().get("name"))
                            .toList();
            for (ModelIdentity model : models) {
                String field = CollectionSchema.vectorField(model.name());
                String expected = CollectionSchema.vectorType(model.dimension());
                String type = fieldTypes.get(field);
                if (type == null) {
                    addVectorField(model, !types.contains(expected));
                } else if (!type.equals(expected)) {
                    throw new SolrBackendException(
                            "Solr collection '" + collection + "': field " + field + " is of type "
                                    + type + ", but model '" + model.name() + "' has " + model.dimension()
                                    + "-d vectors (" + expected + "): dimension mismatch; push to a new collection");
                }
            }
        } catch (SolrServerException | IOException | SolrException e) {
            if (e instanceof SolrBackendException backend) {
                throw backend;
            }
            throw solr.failure(collection, "cannot read or change the schema", e);
        }
    }

    private void addVectorField(ModelIdentity model, boolean addType) throws SolrServerException, IOException {
        ModifiableSolrParams wait = new ModifiableSolrParams();
        wait.set("updateTimeoutSecs", SCHEMA_UPDATE_TIMEOUT_SECONDS);
        if (addType) {
            FieldTypeDefinition type = new FieldTypeDefinition();
            type.setAttributes(CollectionSchema.vectorTypeDefinition(model.dimension()));
            check(new SchemaRequest.AddFieldType(type, wait)
                    .process(solr.client(), collection)
                    .getResponse());
        }
        check(new SchemaRequest.AddField(CollectionSchema.vectorFieldDefinition(model), wait)
                .process(solr.client(), collection)
                .getResponse());
    }

    /** The Schema API reports some failures in the body with status 0. */
    private void check(org.apache.solr.common.util.NamedList<Object> response) throws SolrBackendException {
        Object errors = response.get("errors");
        if (errors != null) {
            throw new SolrBackendException("Solr collection '" + collection + "': schema change refused: " + errors);
        }
    }

    /** The model records the collection holds, by name. */
    Map<String, ModelIdentity> models() throws SolrBackendException {
        SolrQuery query = new SolrQuery(CollectionSchema.DOC_TYPE + ":" + CollectionSchema.MODEL);
        query.setRows(10_000);
        Map<String, ModelIdentity> models = new LinkedHashMap<>();
        try {
            for (SolrDocument doc : solr.client().query(collection, query).getResults()) {
                ModelIdentity identity = CollectionSchema.modelIdentity(doc);
                models.put(identity.name(), identity);
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot read the model records", e);
        }
        return models;
    }

    /**
     * The indexed folder recorded with the models, or null when the collection has none.
     *
     * @throws SolrBackendException when the model records name more than one folder
     */
    String root() throws SolrBackendException {
        SolrQuery query = new SolrQuery(CollectionSchema.DOC_TYPE + ":" + CollectionSchema.MODEL);
        query.setRows(10_000);
        query.setFields(CollectionSchema.ROOT);
        Set<String> roots = new TreeSet<>();
        try {
            for (SolrDocument doc : solr.client().query(collection, query).getResults()) {
                Object root = doc.getFirstValue(CollectionSchema.ROOT);
                if (root != null) {
                    roots.add((String) root);
                }
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw solr.failure(collection, "cannot read the model records", e);
        }
        if (roots.size() > 1) {
            throw new SolrBackendException("Solr collection '" + collection + "' holds images of several folders "
                    + roots + "; push to a new collection");
        }
        return roots.isEmpty() ? null : roots.iterator().next();
    }

    /** Fails when the collection holds images of a folder other than {@code root}, the one {@code index} indexes. */
    void requireSameRoot(String root, Path index) throws SolrBackendException {
        String recorded = root();
        if (recorded != null && !recorded.equals(root)) {
            throw new SolrBackendException("Solr collection '" + collection + "' holds images of " + recorded + " but "
                    + index + " indexes " + root + "; push to a new collection");
        }
    }

    /** Fails when the collection holds another model under the name of one of {@code models}. */
    void requireSameModels(Collection<ModelIdentity> models) throws SolrBackendException {
        Map<String, ModelIdentity> stored = models();
        for (ModelIdentity model : models) {
            ModelIdentity recorded = stored.get(model.name());
            String difference = recorded == null ? null : CollectionSchema.difference(recorded, model);
            if (difference != null) {
                throw mismatch(model.name(), difference);
            }
        }
    }

    SolrBackendException mismatch(String model, String difference) {
        return new SolrBackendException("Solr collection '" + collection + "': model '" + model
                + "' differs from the one the collection was pushed with: " + difference
                + "; push to a new collection, or use a different model name");
    }
}
