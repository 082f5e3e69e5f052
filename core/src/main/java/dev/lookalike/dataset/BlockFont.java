package dev.lookalike.dataset;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Map;

/**
 * Capital letters and digits on a 5x7 grid, drawn as filled cells. Text overlays use it instead
 * of a system font so they need no fonts installed (a headless server may have none) and give
 * the same pixels on every machine.
 */
final class BlockFont {

    /** Grid columns per glyph. */
    static final int COLUMNS = 5;
    /** Grid rows per glyph. */
    static final int ROWS = 7;
    /** The characters it can draw. */
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static final Map<Character, String[]> GLYPHS = Map.ofEntries(
            glyph('A', ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
            glyph('B', "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
            glyph('C', ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
            glyph('D', "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
            glyph('E', "#####", "#....", "#....", "####.", "#....", "#....", "#####"),
            glyph('F', "#####", "#....", "#....", "####.", "#....", "#....", "#...."),
            glyph('G', ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
            glyph('H', "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
            glyph('I', ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###."),
            glyph('J', "..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
            glyph('K', "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
            glyph('L', "#....", "#....", "#....", "#....", "#....", "#....", "#####"),
            glyph('M', "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
            glyph('N', "#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
            glyph('O', ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
            glyph('P', "####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
            glyph('Q', ".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
            glyph('R', "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
            glyph('S', ".####", "#....", "#....", ".###.", "....#", "....#", "####."),
            glyph('T', "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
            glyph('U', "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
            glyph('V', "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
            glyph('W', "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#."),
            glyph('X', "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
            glyph('Y', "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
            glyph('Z', "#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
            glyph('0', ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
            glyph('1', "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
            glyph('2', ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
            glyph('3', "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###."),
            glyph('4', "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
            glyph('5', "#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
            glyph('6', "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
            glyph('7', "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
            glyph('8', ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
            glyph('9', ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."));

    private BlockFont() {}

    private static Map.Entry<Character, String[]> glyph(char c, String... rows) {
        assert rows.length == ROWS : c;
        return Map.entry(c, rows);
    }

    /** The width of {@code text} in grid cells: glyphs one cell apart. */
    static int widthInCells(String text) {
        return text.isEmpty() ? 0 : text.length() * (COLUMNS + 1) - 1;
    }

    /**
     * Fills the cells of {@code text} with the current paint, the top-left corner of the first
     * glyph at (0, 0) in user space and each cell {@code cell} units square.
     *
     * @throws IllegalArgumentException for a character outside {@link #ALPHABET}
     */
    static void draw(Graphics2D g, String text, double cell) {
        for (int i = 0; i < text.length(); i++) {
            String[] rows = GLYPHS.get(text.charAt(i));
            if (rows == null) {
                throw new IllegalArgumentException("no glyph for '" + text.charAt(i) + "' in \"" + text + "\"");
            }
            double left = i * (COLUMNS + 1) * cell;
            for (int row = 0; row < ROWS; row++) {
                for (int col = 0; col < COLUMNS; col++) {
                    if (rows[row].charAt(col) == '#') {
                        // A hair wider than the cell, so neighbouring cells join without seams.
                        g.fill(new Rectangle2D.Double(left + col * cell, row * cell, cell * 1.02, cell * 1.02));
                    }
                }
            }
        }
    }
}
