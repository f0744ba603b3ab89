package io.lathe.plugins.compute.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step's commands joined into one script the way Valohai does it: {@code cmd1 && cmd2 && ...}, so that the
 * script stops at the first command that fails. A {@code #!} line at the start of the first command is kept as the
 * script's first line and names the interpreter that runs it (e.g. {@code #!/bin/bash} for bashisms).
 */
final class CommandScript {

    private static final String SEPARATOR = " && ";

    private final Optional<String> shebang;
    private final String body;

    private CommandScript(Optional<String> shebang, String body) {
        this.shebang = shebang;
        this.body = body;
    }

    static CommandScript of(List<String> commands) {
        List<String> parts = new ArrayList<>(commands);
        Optional<String> shebang = Optional.empty();
        if (!parts.isEmpty() && parts.get(0).startsWith("#!")) {
            String first = parts.get(0);
            int lineEnd = first.indexOf('\n');
            shebang = Optional.of((lineEnd < 0 ? first : first.substring(0, lineEnd)).strip());
            parts.set(0, lineEnd < 0 ? "" : first.substring(lineEnd + 1));
        }
        // A blank command would leave "&& &&" behind, which no shell accepts.
        parts.removeIf(String::isBlank);
        return new CommandScript(shebang, String.join(SEPARATOR, parts));
    }

    /** The commands without the {@code #!} line. */
    String body() {
        return body;
    }

    /** The whole script as a file holds it: the {@code #!} line, if any, then the body. */
    String text() {
        return shebang.map(line -> line + "\n" + body + "\n").orElse(body);
    }

    /**
     * The interpreter a {@code #!} line names, split as the kernel splits it: the program, then the rest of the line
     * as one argument. Empty when there is no such line (or it names nothing) and {@code /bin/sh -c} runs the body.
     */
    Optional<List<String>> interpreter() {
        return shebang.map(line -> line.substring(2).strip())
                .filter(rest -> !rest.isEmpty())
                .map(rest -> List.of(rest.split("[ \t]+", 2)));
    }

    /**
     * The program and arguments that run this script. With an interpreter, the script is read from
     * {@code scriptFile}, where the caller has written {@link #text()}: running the interpreter ourselves rather
     * than the file works on folders mounted {@code noexec} too.
     */
    List<String> command(Path scriptFile) {
        List<String> command = new ArrayList<>();
        Optional<List<String>> interpreter = interpreter();
        if (interpreter.isPresent()) {
            command.addAll(interpreter.get());
            command.add(scriptFile.toString());
        } else {
            command.addAll(List.of("/bin/sh", "-c", body));
        }
        return command;
    }
}
