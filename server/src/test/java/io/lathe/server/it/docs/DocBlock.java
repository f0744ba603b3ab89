package io.lathe.server.it.docs;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A fenced {@code sh} block of a Markdown document and, when the document shows one, what it prints: the plain
 * fenced block right after it.
 *
 * @param line the 1-based line of the block's opening fence, as an editor shows it
 * @param command the block's text, to be run by bash
 * @param shownOutput the text of the plain block that follows it, if any
 */
public record DocBlock(int line, String command, Optional<String> shownOutput) {

    public DocBlock {
        requireNonNull(command, "command");
        requireNonNull(shownOutput, "shownOutput");
    }
}
