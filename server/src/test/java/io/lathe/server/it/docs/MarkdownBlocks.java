package io.lathe.server.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the commands a Markdown document tells its reader to run, and the outputs it shows for them.
 *
 * <p>A command block is a fenced block whose info string is {@code sh}; the block that shows its output is a fenced
 * block without an info string whose opening fence is the next non-blank line after the command block's closing
 * fence. A command block directly preceded (blank lines aside) by {@value #SKIP_MARK} is not returned: that marks
 * the few commands the runner must not run, such as building and starting the server, which the test does itself.
 * Fences are lines of three or more backticks, possibly indented, as CommonMark has them; blocks fenced with
 * tildes are not commands.
 */
public final class MarkdownBlocks {

    /** Put this HTML comment (invisible in rendered Markdown) on the line before a command block not to run it. */
    public static final String SKIP_MARK = "<!-- docs-runner: skip -->";

    private MarkdownBlocks() {
    }

    public static List<DocBlock> extract(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<DocBlock> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            Fence fence = Fence.opening(lines.get(i));
            if (fence == null) {
                i++;
                continue;
            }
            int close = fence.closingLine(lines, i + 1);
            if (!fence.info().equals("sh")) {
                i = close + 1;
                continue;
            }
            String command = String.join("\n", lines.subList(i + 1, Math.min(close, lines.size())));
            boolean skipped = SKIP_MARK.equals(previousNonBlank(lines, i));
            int next = nextNonBlank(lines, close + 1);
            Optional<String> shown = Optional.empty();
            int end = close + 1;
            Fence outputFence = next < lines.size() ? Fence.opening(lines.get(next)) : null;
            if (outputFence != null && outputFence.info().isEmpty()) {
                int outputClose = outputFence.closingLine(lines, next + 1);
                shown = Optional.of(String.join("\n", lines.subList(next + 1, Math.min(outputClose, lines.size()))));
                end = outputClose + 1;
            }
            if (!skipped) {
                blocks.add(new DocBlock(i + 1, command, shown));
            }
            i = end;
        }
        return blocks;
    }

    private static String previousNonBlank(List<String> lines, int before) {
        for (int j = before - 1; j >= 0; j--) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j).strip();
            }
        }
        return "";
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int j = from;
        while (j < lines.size() && lines.get(j).isBlank()) {
            j++;
        }
        return j;
    }

    /** An opening code fence: its backtick count and info string (the first word after the backticks). */
    private record Fence(int length, String info) {

        static Fence opening(String line) {
            String stripped = line.stripLeading();
            if (line.length() - stripped.length() > 3 || !stripped.startsWith("```")) {
                return null;
            }
            int length = 0;
            while (length < stripped.length() && stripped.charAt(length) == '`') {
                length++;
            }
            String rest = stripped.substring(length).strip();
            return new Fence(length, rest.isEmpty() ? "" : rest.split("\\s+")[0]);
        }

        /** The line that closes this fence, or the number of lines when the document ends first. */
        int closingLine(List<String> lines, int from) {
            for (int j = from; j < lines.size(); j++) {
                String stripped = lines.get(j).strip();
                if (stripped.length() >= length && stripped.chars().allMatch(c -> c == '`')) {
                    return j;
                }
            }
            return lines.size();
        }
    }
}
