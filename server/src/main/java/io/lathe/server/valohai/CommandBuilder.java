package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the shell commands of an execution the way valohai-yaml does ({@code build_command}), so that a step
 * receives the same command line on Lathe as on Valohai.
 *
 * <p>In each command, {@code {parameters}} (or {@code {params}}) becomes all parameters in declaration order, each
 * through its pass-as pattern; {@code {parameter:NAME}} one parameter that way; {@code {parameter-value:NAME}} the
 * bare value; {@code {source-path}} the step's source path. Every argument is shell-quoted. Anything else in braces,
 * such as {@code ${HOME}} or JSON, is left as it is.
 *
 * <p>Values are the step's defaults overlaid with {@code values}, except that flag defaults are not applied (as in
 * valohai-yaml); pass the result of {@link ParameterValues#resolve} to get flags from their defaults too. A parameter
 * whose value is null is left out, and {@code {parameter-value:NAME}} stays as written for it (valohai-yaml would
 * write {@code None}). Values are rendered as Python's {@code str()} would: {@code 0.0001}, {@code 1e-05},
 * {@code True}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CommandBuilder {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(.+?)\\}");
    /** The characters Python's {@code shlex.quote} leaves unquoted. */
    private static final Pattern UNSAFE = Pattern.compile("[^a-zA-Z0-9_@%+=:,./-]");

    private CommandBuilder() {
    }

    /**
     * Builds the step's own commands.
     *
     * @param step the step
     * @param values parameter values by name; nulls allowed
     * @return one string per command, interpolated and trimmed
     * @throws IllegalArgumentException when a pass-as pattern cannot be formatted, or a list is given to a parameter
     *     that is not {@code multiple}
     */
    public static List<String> build(Step step, Map<String, ?> values) {
        return build(step, step.command(), values);
    }

    /**
     * Builds the step's own commands from the values {@link ParameterValues#resolve} gave, and from nothing else: a
     * parameter they leave out (an optional one given no value) passes nothing, even when the step has a default.
     *
     * @see #build(Step, Map)
     */
    public static List<String> buildResolved(Step step, Map<String, ?> resolved) {
        Map<String, Object> exactly = new LinkedHashMap<>();
        step.parameters().forEach(parameter -> exactly.put(parameter.name(), null));
        exactly.putAll(resolved);
        return build(step, step.command(), exactly);
    }

    /**
     * Builds {@code commands} in place of the step's own, e.g. a pipeline node's overriding command.
     *
     * @see #build(Step, Map)
     */
    public static List<String> build(Step step, List<String> commands, Map<String, ?> values) {
        requireNonNull(step, "step");
        requireNonNull(commands, "commands");
        requireNonNull(values, "values");
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Parameter parameter : step.parameters()) {
            if (parameter.type() != ParameterType.FLAG) {
                parameter.defaultValue().ifPresent(value -> merged.put(parameter.name(), value));
            }
        }
        merged.putAll(values);
        List<String> built = new ArrayList<>(commands.size());
        for (String command : commands) {
            Matcher matcher = PLACEHOLDER.matcher(command);
            String interpolated = matcher.replaceAll(match ->
                    Matcher.quoteReplacement(replacement(step, merged, match.group(1)).orElse(match.group())));
            built.add(interpolated.strip());
        }
        return List.copyOf(built);
    }

    /**
     * Joins built commands into one {@code sh} script that runs them in order and stops at the first that fails, as
     * Valohai does ({@code " && "}). Blank commands are dropped. A {@code #!} line at the start of the first command
     * stays the script's first line, so the script can be run by that interpreter (write it to a file and execute
     * it) rather than by {@code sh -c}.
     */
    public static String joinScript(List<String> commands) {
        List<String> parts = commands.stream().map(String::strip).filter(command -> !command.isEmpty())
                .collect(Collectors.toCollection(ArrayList::new));
        if (parts.isEmpty()) {
            return "";
        }
        String shebang = null;
        if (parts.get(0).startsWith("#!")) {
            String first = parts.remove(0);
            int newline = first.indexOf('\n');
            shebang = newline < 0 ? first : first.substring(0, newline).strip();
            String rest = newline < 0 ? "" : first.substring(newline + 1).strip();
            if (!rest.isEmpty()) {
                parts.add(0, rest);
            }
        }
        String joined = String.join(" && ", parts);
        return shebang == null ? joined : shebang + "\n" + joined;
    }

    /**
     * Quotes one argument for a POSIX shell like Python's {@code shlex.quote}: left bare when it holds only letters,
     * digits and {@code @%+=:,./-_}; {@code ''} when empty; otherwise in single quotes, with each {@code '} written
     * as {@code '"'"'}.
     */
    public static String quote(String argument) {
        if (argument.isEmpty()) {
            return "''";
        }
        if (!UNSAFE.matcher(argument).find()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\"'\"'") + "'";
    }

    private static Optional<String> replacement(Step step, Map<String, Object> values, String placeholder) {
        if (placeholder.equals("source-path") && step.sourcePath().isPresent()) {
            return Optional.of(quote(step.sourcePath().get()));
        }
        if (placeholder.equals("parameters") || placeholder.equals("params")) {
            List<String> arguments = new ArrayList<>();
            for (Parameter parameter : step.parameters()) {
                arguments.addAll(ParameterArguments.of(parameter, values.get(parameter.name())));
            }
            return Optional.of(quoteAll(arguments));
        }
        if (placeholder.startsWith("parameter:")) {
            String name = placeholder.substring("parameter:".length());
            Optional<Parameter> parameter = step.parameter(name);
            if (parameter.isPresent()) {
                return Optional.of(quoteAll(ParameterArguments.of(parameter.get(), values.get(name))));
            }
        }
        if (placeholder.startsWith("parameter-value:")) {
            String name = placeholder.substring("parameter-value:".length());
            // valohai-yaml looks only at the values here, so a value for an undeclared name is used too.
            if (values.get(name) != null) {
                return Optional.of(quote(PythonText.str(values.get(name))));
            }
        }
        return Optional.empty();
    }

    private static String quoteAll(List<String> arguments) {
        return arguments.stream().map(CommandBuilder::quote).collect(Collectors.joining(" "));
    }
}
