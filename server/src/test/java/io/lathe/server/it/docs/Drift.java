package io.lathe.server.it.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a document and the server's behaviour part: each block that failed, timed out, or printed something other
 * than the output the document shows, named by document and line, with the command and what differs.
 */
public final class Drift {

    private Drift() {
    }

    public static List<String> of(String document, List<BashSession.BlockRun> runs) {
        List<String> problems = new ArrayList<>();
        for (BashSession.BlockRun run : runs) {
            DocBlock block = run.block();
            String where = document + " line " + block.line();
            switch (run.outcome()) {
                case FAILED -> problems.add(where + ": the block failed (exit status " + run.exitStatus() + ")\n"
                        + indented(block.command()) + "printed:\n" + indented(run.printed()));
                case TIMED_OUT -> problems.add(where + ": the block did not end in time\n"
                        + indented(block.command()) + "printed so far:\n" + indented(run.printed()));
                case COMPLETED -> {
                    Optional<String> difference = block.shownOutput()
                            .flatMap(shown -> ShownOutput.difference(shown, run.printed()));
                    difference.ifPresent(text -> problems.add(where + ": the output differs from the one shown\n"
                            + indented(block.command()) + text));
                }
                case NOT_RUN -> {
                    // An earlier block failed; that one is reported.
                }
            }
        }
        return problems;
    }

    private static String indented(String text) {
        StringBuilder result = new StringBuilder();
        text.lines().forEach(line -> result.append("    ").append(line).append('\n'));
        return result.toString();
    }
}
