package io.lathe.plugins.compute.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();

    @Test
    void linesMaySpanChunks() {
        LineSplitter splitter = new LineSplitter(lines::add);

        feed(splitter, "fir", "st\nsec", "ond\n", "\nthird\n");

        assertEquals(List.of("first", "second", "", "third"), lines);
    }

    @Test
    void theLastLineNeedsNoTerminator() {
        LineSplitter splitter = new LineSplitter(lines::add);

        feed(splitter, "one\ntwo");
        splitter.finish();

        assertEquals(List.of("one", "two"), lines);
    }

    @Test
    void windowsLineEndsLoseTheirCarriageReturnButOthersStay() {
        LineSplitter splitter = new LineSplitter(lines::add);

        feed(splitter, "a\r\nprogress 10%\rprogress 20%\n");

        assertEquals(List.of("a", "progress 10%\rprogress 20%"), lines);
    }

    @Test
    void aCharacterSplitAcrossChunksIsDecodedWhole() {
        byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8);
        LineSplitter splitter = new LineSplitter(lines::add);

        splitter.accept(euro, 0, 1);
        splitter.accept(euro, 1, 1);
        splitter.accept(euro, 2, euro.length - 2);

        assertEquals(List.of("€"), lines);
    }

    @Test
    void undecodableBytesBecomeReplacementCharacters() {
        LineSplitter splitter = new LineSplitter(lines::add);

        splitter.accept(new byte[] {'a', (byte) 0xFF, 'b', '\n'}, 0, 4);

        assertEquals(List.of("a\uFFFDb"), lines);
    }

    @Test
    void aLineBeyondTheLimitIsPassedOnInPiecesCutBetweenCharacters() {
        LineSplitter splitter = new LineSplitter(lines::add, 8);

        feed(splitter, "abcdefg€€xyz\n");

        assertEquals(List.of("abcdefg", "€€xy", "z"), lines);
        assertEquals("abcdefg€€xyz", String.join("", lines));
    }

    @Test
    void aLongLineWithinTheLimitIsKeptWhole() {
        LineSplitter splitter = new LineSplitter(lines::add);
        String line = "y".repeat(5_000_000);

        for (int i = 0; i < line.length(); i += 65_536) {
            feed(splitter, line.substring(i, Math.min(line.length(), i + 65_536)));
        }
        feed(splitter, "\nafter\n");

        assertEquals(List.of(line, "after"), lines);
    }

    private static void feed(LineSplitter splitter, String... chunks) {
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            splitter.accept(bytes, 0, bytes.length);
        }
    }
}
