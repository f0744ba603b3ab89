package io.lathe.server.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

    @Test
    void aCommandBlockIsFollowedByThePlainBlockThatShowsItsOutput() {
        String markdown = """
                # Title

                ```sh
                echo one
                echo two
                ```

                ```
                one
                two
                ```
                """;
        assertEquals(List.of(new DocBlock(3, "echo one\necho two", Optional.of("one\ntwo"))),
                MarkdownBlocks.extract(markdown));
    }

    @Test
    void aPlainBlockAfterTextIsNotAnOutputAndOtherLanguagesAreNotCommands() {
        String markdown = """
                ```sh
                PROJECT=1
                ```
                Some text.
                ```
                not an output
                ```
                ```json
                {"a": 1}
                ```
                ```python
                print(1)
                ```
                ```sh
                echo $PROJECT
                ```
                ```json
                "not an output either"
                ```
                """;
        assertEquals(List.of(new DocBlock(1, "PROJECT=1", Optional.empty()),
                new DocBlock(14, "echo $PROJECT", Optional.empty())), MarkdownBlocks.extract(markdown));
    }

    @Test
    void theSkipMarkLeavesOutTheBlockAndItsOutput() {
        String markdown = """
                <!-- docs-runner: skip -->
                ```sh
                java -jar server/target/lathe.jar
                ```
                ```
                Lathe is running
                ```

                ```sh
                echo ran
                ```
                """;
        assertEquals(List.of(new DocBlock(9, "echo ran", Optional.empty())), MarkdownBlocks.extract(markdown));
    }

    @Test
    void longerFencesHoldBackticksAndAnIndentedFenceCounts() {
        String markdown = """
                ````sh
                cat <<'EOF'
                ```
                EOF
                ````
                  ```
                shown
                  ```
                """;
        assertEquals(List.of(new DocBlock(1, "cat <<'EOF'\n```\nEOF", Optional.of("shown"))),
                MarkdownBlocks.extract(markdown));
    }

    @Test
    void anUnclosedBlockRunsToTheEndOfTheDocument() {
        assertEquals(List.of(new DocBlock(2, "echo a\necho b", Optional.empty())),
                MarkdownBlocks.extract("text\n```sh\necho a\necho b\n"));
    }
}
