package io.lathe.plugin.api.compute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link JobFiles} held in memory, for tests: code files by relative path, input files, and config files rendered
 * the way the server renders them ({@code parameters.json} as a flat map, {@code inputs.json} as
 * {@code {"<input>": {"files": [{"name", "path", "size", "checksums": {"sha256"}}]}}}).
 *
 * <pre>{@code
 * JobFiles files = InMemoryJobFiles.builder()
 *         .code("train.py", "print('hello')")
 *         .input("images", "a.png", bytes)
 *         .parameter("learning_rate", 0.01)
 *         .build();
 * }</pre>
 *
 * <p>Faults can be planted to test how an environment reports a failure to lay out a job:
 * {@link Builder#failingCode(String)} and {@link Builder#failingInput(String, String, String)}.
 *
 * <p>Immutable once built, apart from remembering the inputs folder it was asked about; thread-safe.
 */
public final class InMemoryJobFiles implements JobFiles {

    private final Map<String, byte[]> code;
    private final List<InputFile> inputs;
    private final Map<String, Object> parameters;
    private final Map<String, String> extraConfig;
    private final String codeFailure;
    private volatile String inputsDirectorySeen;

    private InMemoryJobFiles(Builder builder) {
        this.code = new LinkedHashMap<>(builder.code);
        this.inputs = List.copyOf(builder.inputs);
        this.parameters = new LinkedHashMap<>(builder.parameters);
        this.extraConfig = new LinkedHashMap<>(builder.extraConfig);
        this.codeFailure = builder.codeFailure;
    }

    /** Starts an empty set of files. */
    public static Builder builder() {
        return new Builder();
    }

    /** No code, no inputs, empty parameters. */
    public static InMemoryJobFiles empty() {
        return builder().build();
    }

    /**
     * Writes the code files below {@code directory}, making folders as needed.
     *
     * @throws IllegalStateException with the planted message when built with {@link Builder#failingCode(String)}
     */
    @Override
    public void extractCode(Path directory) {
        if (codeFailure != null) {
            throw new IllegalStateException(codeFailure);
        }
        Path root = directory.toAbsolutePath().normalize();
        try {
            for (Map.Entry<String, byte[]> file : code.entrySet()) {
                Path target = root.resolve(file.getKey()).normalize();
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<InputFile> inputs() {
        return inputs;
    }

    /** Renders {@code parameters.json}, {@code inputs.json} (paths below {@code inputsDirectory}) and extra files. */
    @Override
    public Map<String, String> configFiles(String inputsDirectory) {
        Objects.requireNonNull(inputsDirectory, "inputsDirectory");
        inputsDirectorySeen = inputsDirectory;
        Map<String, List<Object>> filesByInput = new LinkedHashMap<>();
        for (InputFile input : inputs) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("name", input.fileName());
            file.put("path", inputsDirectory + "/" + input.inputName() + "/" + input.fileName());
            file.put("size", input.size());
            file.put("checksums", Map.of("sha256", input.sha256()));
            filesByInput.computeIfAbsent(input.inputName(), name -> new ArrayList<>()).add(file);
        }
        Map<String, Object> inputsJson = new LinkedHashMap<>();
        filesByInput.forEach((name, files) -> inputsJson.put(name, Map.of("files", files)));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("parameters.json", json(parameters));
        config.put("inputs.json", json(inputsJson));
        config.putAll(extraConfig);
        return config;
    }

    /** The inputs folder {@link #configFiles} was called with, once it was. */
    public Optional<String> inputsDirectorySeen() {
        return Optional.ofNullable(inputsDirectorySeen);
    }

    /** Renders maps, lists, strings, numbers, booleans and null as JSON on one line. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        appendJson(out, value);
        return out.toString();
    }

    private static void appendJson(StringBuilder out, Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                appendJson(out, String.valueOf(entry.getKey()));
                out.append(": ");
                appendJson(out, entry.getValue());
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                appendJson(out, item);
                separator = ", ";
            }
            out.append(']');
        } else {
            out.append('"');
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Collects the files; not thread-safe. */
    public static final class Builder {
        private final Map<String, byte[]> code = new LinkedHashMap<>();
        private final List<InputFile> inputs = new ArrayList<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private final Map<String, String> extraConfig = new LinkedHashMap<>();
        private String codeFailure;

        private Builder() {
        }

        /**
         * Adds a code file at {@code relativePath} ({@code /} separators, no {@code ..}) holding {@code text} in UTF-8.
         */
        public Builder code(String relativePath, String text) {
            return code(relativePath, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a code file at {@code relativePath} ({@code /} separators, no {@code ..}) holding {@code bytes}. */
        public Builder code(String relativePath, byte[] bytes) {
            if (relativePath.isEmpty() || relativePath.startsWith("/")
                    || List.of(relativePath.split("/")).contains("..")) {
                throw new IllegalArgumentException("not a relative path inside the code: " + relativePath);
            }
            code.put(relativePath, bytes.clone());
            return this;
        }

        /** Adds one file to input {@code inputName}, holding {@code text} in UTF-8. */
        public Builder input(String inputName, String fileName, String text) {
            return input(inputName, fileName, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds one file to input {@code inputName}. */
        public Builder input(String inputName, String fileName, byte[] bytes) {
            inputs.add(new MemoryInput(inputName, fileName, bytes.clone(), null));
            return this;
        }

        /** Adds an input file whose {@link InputFile#open()} throws an {@link IOException} with {@code message}. */
        public Builder failingInput(String inputName, String fileName, String message) {
            inputs.add(new MemoryInput(inputName, fileName, new byte[0], Objects.requireNonNull(message)));
            return this;
        }

        /** Sets a parameter of {@code parameters.json}: a string, number, boolean or list of those. */
        public Builder parameter(String name, Object value) {
            parameters.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds a config file besides {@code parameters.json} and {@code inputs.json}, or replaces one of them. */
        public Builder configFile(String fileName, String text) {
            extraConfig.put(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Makes {@link InMemoryJobFiles#extractCode} throw an {@link IllegalStateException} with {@code message}. */
        public Builder failingCode(String message) {
            codeFailure = Objects.requireNonNull(message, "message");
            return this;
        }

        /** Builds the files. */
        public InMemoryJobFiles build() {
            return new InMemoryJobFiles(this);
        }
    }

    private static final class MemoryInput implements InputFile {
        private final String inputName;
        private final String fileName;
        private final byte[] bytes;
        private final String failure;

        private MemoryInput(String inputName, String fileName, byte[] bytes, String failure) {
            this.inputName = Objects.requireNonNull(inputName, "inputName");
            this.fileName = Objects.requireNonNull(fileName, "fileName");
            this.bytes = bytes;
            this.failure = failure;
        }

        @Override
        public String inputName() {
            return inputName;
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            return InMemoryJobFiles.sha256(bytes);
        }

        @Override
        public InputStream open() throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            return new ByteArrayInputStream(bytes);
        }
    }
}
