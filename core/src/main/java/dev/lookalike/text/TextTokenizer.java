package dev.lookalike.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A model's tokenizer, exactly as its {@code tokenizer.json} defines it (for CLIP: NFC, whitespace
 * collapsed, lower case, CLIP's split pattern, byte-level BPE, {@code <|startoftext|>} ...
 * {@code <|endoftext|>}), run by Hugging Face's own tokenizers library through DJL's binding.
 *
 * <p>Texts longer than the context ({@code model_max_length} of {@code tokenizer_config.json}, 77 for CLIP)
 * keep their first tokens and end with the end token, as transformers truncates. Padding is left to the
 * encoder, which knows the batch. Thread-safe; close it to free the native tokenizer.
 */
public final class TextTokenizer implements AutoCloseable {

    /** The tokenizer's definition, in the model directory. */
    public static final String FILE = "tokenizer.json";
    /** The tokenizer's settings (context length, special tokens), in the model directory. */
    public static final String CONFIG = "tokenizer_config.json";
    /** The special tokens' names, in the model directory (read by transformers; the two above suffice here). */
    public static final String SPECIAL_TOKENS = "special_tokens_map.json";
    /** CLIP's context, used when tokenizer_config.json gives none. */
    public static final int DEFAULT_MAX_LENGTH = 77;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final int vocabularySize;
    private final long padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, int vocabularySize, long padId) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.vocabularySize = vocabularySize;
        this.padId = padId;
    }

    /**
     * Opens the tokenizer of the model in {@code modelDirectory} ({@link #FILE} and, when present,
     * {@link #CONFIG}).
     *
     * @throws NoSuchFileException when there is no tokenizer.json
     * @throws IOException         when a file is unreadable or not what it should be; the message names it
     */
    public static TextTokenizer open(Path modelDirectory) throws IOException {
        Path file = modelDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the model's tokenizer is missing");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode definition = read(json, file);
        Map<String, Long> vocabulary = vocabulary(definition, file);
        Path configFile = modelDirectory.resolve(CONFIG);
        JsonNode config = Files.isRegularFile(configFile) ? read(json, configFile) : json.createObjectNode();
        int maxLength = maxLength(config, configFile);
        String padToken = tokenName(config.path("pad_token"));
        Long padId = padToken == null ? Long.valueOf(0) : vocabulary.get(padToken);
        if (padId == null) {
            throw new IOException(configFile + ": pad_token " + padToken + " is not in " + file);
        }
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(file)
                .optMaxLength(maxLength)
                .optTruncation(true)
                .optPadding(false)
                .optAddSpecialTokens(true)
                .optWithOverflowingTokens(true)
                .build();
        return new TextTokenizer(tokenizer, maxLength, vocabulary.size(), padId);
    }

    /** The text's ids, truncated to {@link #maxLength()}. */
    public TokenizedText encode(String text) {
        Encoding encoding = tokenizer.encode(text);
        return new TokenizedText(encoding.getIds(), encoding.getOverflowing().length > 0);
    }

    /** The most ids a text may have, special tokens included (77 for CLIP). */
    public int maxLength() {
        return maxLength;
    }

    /** How many distinct ids the tokenizer can produce: its vocabulary and added tokens (49,408 for CLIP). */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The id that pads a short text in a batch ({@code pad_token}; CLIP's is {@code <|endoftext|>}). */
    public long padId() {
        return padId;
    }

    /** The id of {@code token} (a vocabulary entry or an added token such as {@code <|endoftext|>}), or -1. */
    public long id(String token) {
        Encoding encoding = tokenizer.encode(token, false, false);
        long[] ids = encoding.getIds();
        return ids.length == 1 ? ids[0] : -1;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static JsonNode read(ObjectMapper json, Path file) throws IOException {
        try {
            return json.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(
                    file + ": not valid JSON ("
                            + e.getMessage().lines().findFirst().orElse("") + ")",
                    e);
        }
    }

    /** The model's vocabulary plus the added tokens, by token. */
    private static Map<String, Long> vocabulary(JsonNode definition, Path file) throws IOException {
        JsonNode vocab = definition.path("model").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IOException(file + ": no model.vocab");
        }
        Map<String, Long> ids = new HashMap<>(vocab.size() * 2);
        vocab.properties()
                .forEach(entry -> ids.put(entry.getKey(), entry.getValue().asLong()));
        for (JsonNode added : definition.path("added_tokens")) {
            ids.put(added.path("content").asText(), added.path("id").asLong());
        }
        return ids;
    }

    private static int maxLength(JsonNode config, Path configFile) throws IOException {
        JsonNode value = config.path("model_max_length");
        if (value.isMissingNode() || value.asDouble() > 1e6) {
            // transformers writes a huge sentinel when a tokenizer has no limit of its own.
            return DEFAULT_MAX_LENGTH;
        }
        if (!value.canConvertToInt() || value.asInt() < 2) {
            throw new IOException(configFile + ": model_max_length must be an integer of at least 2, got " + value);
        }
        return value.asInt();
    }

    /** A special token's text: tokenizer_config.json gives either the string or an AddedToken object. */
    private static String tokenName(JsonNode token) {
        if (token.isTextual()) {
            return token.asText();
        }
        return token.path("content").isTextual() ? token.path("content").asText() : null;
    }
}
