package dev.lookalike.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tokenizer against an independent reference: tools/fixtures/clip_tokenizer.py, OpenAI's BPE algorithm
 * in Python, gave the ids in text/queries.json for the hub-format files it wrote; DJL runs Hugging Face's Rust
 * library on the same files.
 */
class TextTokenizerTest {

    static Path fixtures() {
        try {
            return Path.of(TextTokenizerTest.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyReferenceQueryTokenisesToTheReferenceIds() throws IOException {
        JsonNode queries = new ObjectMapper()
                .readTree(fixtures().resolve("text/queries.json").toFile());
        try (TextTokenizer tokenizer = TextTokenizer.open(fixtures().resolve("models/clip-tiny"))) {
            assertReferenceIds(tokenizer, queries);
        }
    }

    @Test
    void theTinyTokenizerHasClipsLayoutAndContext() throws IOException {
        try (TextTokenizer tokenizer = TextTokenizer.open(fixtures().resolve("models/clip-tiny"))) {
            assertEquals(77, tokenizer.maxLength());
            assertEquals(1000, tokenizer.vocabularySize());
            assertEquals(998, tokenizer.id("<|startoftext|>"));
            assertEquals(999, tokenizer.id("<|endoftext|>"));
            assertEquals(999, tokenizer.padId(), "the hub's pad token is <|endoftext|>");
        }
    }

    @Test
    void aTextOverTheContextKeepsItsHeadAndEndsWithTheEndToken() throws IOException {
        try (TextTokenizer tokenizer = TextTokenizer.open(fixtures().resolve("models/clip-tiny"))) {
            TokenizedText longText = tokenizer.encode("cat ".repeat(200));
            assertTrue(longText.truncated());
            assertEquals(77, longText.ids().length);
            assertEquals(998, longText.ids()[0]);
            assertEquals(999, longText.ids()[76]);
            assertEquals(longText.ids()[1], longText.ids()[75]);
            TokenizedText exact = tokenizer.encode("cat ".repeat(75));
            assertEquals(77, exact.ids().length);
            assertFalse(exact.truncated(), "75 words and the two markers fit exactly");
            assertTrue(tokenizer.encode("cat ".repeat(76)).truncated());
        }
    }

    /** A file with the real CLIP tokenizer's structure and size: 49,408 ids, the special tokens at 49406/49407. */
    @Test
    void aFullSizeClipTokenizerFileIsRead(@TempDir Path dir) throws IOException {
        Path source = fixtures().resolve("tokenizer/clip-structure");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source.resolve("tokenizer.json.gz")))) {
            Files.copy(in, dir.resolve(TextTokenizer.FILE));
        }
        Files.copy(source.resolve(TextTokenizer.CONFIG), dir.resolve(TextTokenizer.CONFIG));
        JsonNode queries =
                new ObjectMapper().readTree(source.resolve("queries.json").toFile());
        try (TextTokenizer tokenizer = TextTokenizer.open(dir)) {
            assertEquals(49408, tokenizer.vocabularySize());
            assertEquals(49406, tokenizer.id("<|startoftext|>"));
            assertEquals(49407, tokenizer.id("<|endoftext|>"));
            assertEquals(49407, tokenizer.padId());
            assertEquals(77, tokenizer.maxLength());
            assertReferenceIds(tokenizer, queries);
        }
    }

    @Test
    void aMissingTokenizerFileIsNamed(@TempDir Path dir) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> TextTokenizer.open(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }

    @Test
    void aPadTokenOutsideTheVocabularyIsRefused(@TempDir Path dir) throws IOException {
        Path tiny = fixtures().resolve("models/clip-tiny");
        Files.copy(tiny.resolve(TextTokenizer.FILE), dir.resolve(TextTokenizer.FILE));
        Files.writeString(dir.resolve(TextTokenizer.CONFIG), "{\"model_max_length\": 77, \"pad_token\": \"<pad>\"}");
        IOException e = assertThrows(IOException.class, () -> TextTokenizer.open(dir));
        assertTrue(e.getMessage().contains("pad_token <pad>"), e.getMessage());
    }

    private static void assertReferenceIds(TextTokenizer tokenizer, JsonNode queries) {
        assertTrue(queries.size() > 5);
        for (JsonNode query : queries) {
            String text = query.get("text").asText();
            long[] expected = new long[query.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = query.get("ids").get(i).asLong();
            }
            assertArrayEquals(expected, tokenizer.encode(text).ids(), () -> "ids of \"" + text + "\"");
        }
    }
}
