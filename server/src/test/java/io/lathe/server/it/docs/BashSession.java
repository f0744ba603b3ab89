package io.lathe.server.it.docs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a document's command blocks in order in one bash process, as a reader pasting them into one terminal would:
 * a variable one block sets is seen by the next. Each block's output (standard output and error, as the reader's
 * terminal shows them) is kept apart. The session stops at the first command that fails ({@code set -e} with
 * {@code pipefail}), so that a broken step is reported where it breaks rather than as a confusing later one.
 */
public final class BashSession {

    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Duration timeLimit;

    /**
     * @param workingDirectory where the reader is told to run the commands (the repository's root)
     * @param environment variables to set on top of this process's environment
     * @param timeLimit how long all the blocks together may take; then the session is killed
     */
    public BashSession(Path workingDirectory, Map<String, String> environment, Duration timeLimit) {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory");
        this.environment = Map.copyOf(environment);
        this.timeLimit = requireNonNull(timeLimit, "timeLimit");
    }

    /** What became of one block. */
    public enum Outcome { COMPLETED, FAILED, TIMED_OUT, NOT_RUN }

    /** A block with its outcome and what it printed ({@code exitStatus} is that of the session when it failed). */
    public record BlockRun(DocBlock block, Outcome outcome, String printed, int exitStatus) {
    }

    public List<BlockRun> run(List<DocBlock> blocks, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path script = scratch.resolve("session.sh");
        Files.writeString(script, script(blocks, scratch), StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString())
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(scratch.resolve("session.log").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean ended = process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            // The blocks' own children (a curl following a log stream) must not outlive the session.
            // bash first, so that it cannot report its killed children into the block's output.
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly().waitFor();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        int exitStatus = ended ? process.exitValue() : -1;
        int finished = Files.exists(scratch.resolve("finished"))
                ? (int) Files.readAllLines(scratch.resolve("finished")).stream().filter(l -> !l.isBlank()).count()
                : 0;
        List<BlockRun> runs = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Path output = outputFile(scratch, i);
            String printed = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            Outcome outcome;
            if (i < finished) {
                outcome = Outcome.COMPLETED;
            } else if (i == finished && Files.exists(output)) {
                outcome = ended ? Outcome.FAILED : Outcome.TIMED_OUT;
            } else {
                outcome = Outcome.NOT_RUN;
            }
            runs.add(new BlockRun(blocks.get(i), outcome, printed, exitStatus));
        }
        return runs;
    }

    /** One script: each block in a group whose output goes to a file of its own, a line in "finished" after it. */
    static String script(List<DocBlock> blocks, Path scratch) {
        StringBuilder script = new StringBuilder();
        script.append("set -eo pipefail\n");
        // Say which command failed, in the failing block's own output.
        script.append("trap 'echo \"docs-runner: exit status $? from: $BASH_COMMAND\" >&2' ERR\n");
        for (int i = 0; i < blocks.size(); i++) {
            script.append("{\n").append(blocks.get(i).command()).append("\n} > ")
                    .append(quoted(outputFile(scratch, i))).append(" 2>&1\n");
            script.append("echo ").append(i).append(" >> ").append(quoted(scratch.resolve("finished"))).append('\n');
        }
        return script.toString();
    }

    private static Path outputFile(Path scratch, int index) {
        return scratch.resolve("block-" + index + ".out");
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
