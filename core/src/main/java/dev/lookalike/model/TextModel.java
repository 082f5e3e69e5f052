package dev.lookalike.model;

import dev.lookalike.embed.OnnxTextEncoder;
import dev.lookalike.text.TextTokenizer;
import dev.lookalike.text.TokenizedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's text side, loaded: its tokenizer and its text tower, whose vectors lie in the space of the
 * image tower's. Search results and index identities are those of the image model ({@link #spec()}): an index
 * built with {@code clip} answers text queries through {@code clip}'s text tower, and {@link #identity()} is
 * the image tower's identity read from the very directory the text tower came from, so an index refuses a
 * text tower from another repository or another snapshot. Thread-safe; close it to free native resources.
 */
public final class TextModel implements AutoCloseable {

    /** Texts per ONNX Runtime call when embedding many. */
    static final int BATCH = 64;

    private final OnnxModelSpec spec;
    private final Path directory;
    private final TextTower tower;
    private final TextTokenizer tokenizer;
    private final OnnxTextEncoder encoder;
    private final IdentitySource identitySource;
    private volatile ModelIdentity identity;

    /** Computes the paired image tower's identity on first use (a hub model may fetch its image tower for it). */
    @FunctionalInterface
    interface IdentitySource {
        ModelIdentity identity() throws IOException;
    }

    TextModel(
            OnnxModelSpec spec,
            Path directory,
            TextTower tower,
            TextTokenizer tokenizer,
            OnnxTextEncoder encoder,
            IdentitySource identitySource) {
        this.spec = spec;
        this.directory = directory;
        this.tower = tower;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.identitySource = identitySource;
    }

    /** The image model this text side belongs to; its name keys the results. */
    public OnnxModelSpec spec() {
        return spec;
    }

    /** The model directory holding both towers and the tokenizer. */
    public Path directory() {
        return directory;
    }

    /** Which file and output the text vectors come from. */
    public TextTower tower() {
        return tower;
    }

    /** The tokenizer. */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The text tower's encoder: token ids to vectors. */
    public OnnxTextEncoder encoder() {
        return encoder;
    }

    /** The vector length, the image model's. */
    public int dimension() {
        return spec.dimension();
    }

    /** The identity of the image tower beside this text tower: what an index built with the model records. */
    public ModelIdentity identity() throws IOException {
        ModelIdentity known = identity;
        if (known == null) {
            known = identitySource.identity();
            identity = known;
        }
        return known;
    }

    /**
     * Tokenises and embeds texts, {@value #BATCH} per ONNX Runtime call.
     *
     * @return one embedding per text, in order; vectors not normalised
     * @throws IllegalArgumentException when a text is empty or only whitespace
     */
    public List<TextEmbedding> embed(List<String> texts) {
        List<TokenizedText> tokens = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty text: a text query needs at least one word");
            }
            tokens.add(tokenizer.encode(text));
        }
        List<TextEmbedding> embeddings = new ArrayList<>(texts.size());
        for (int start = 0; start < texts.size(); start += BATCH) {
            int end = Math.min(texts.size(), start + BATCH);
            float[][] vectors = encoder.embed(
                    tokens.subList(start, end).stream().map(TokenizedText::ids).toList(), tokenizer.padId());
            for (int i = start; i < end; i++) {
                embeddings.add(new TextEmbedding(
                        texts.get(i), vectors[i - start], tokens.get(i).truncated()));
            }
        }
        return embeddings;
    }

    /** Tokenises and embeds one text. */
    public TextEmbedding embed(String text) {
        return embed(List.of(text)).getFirst();
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            tokenizer.close();
        }
    }
}
