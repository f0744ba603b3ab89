package io.lathe.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin that loads and starts fine but misbehaves when called, on purpose. Compiled here against the test's class
 * path (plugin-api, PF4J), as its author would, and packed as a PF4J jar with its extension index.
 *
 * <p>Its optimizer {@code misbehaving} hangs when the task's seed is 1, throws when it is 2 and answers null when it
 * is 3. Its data store, environment and notifier, each also {@code misbehaving}, take two settings: {@code behaviour}
 * ({@code fine}, {@code hang}: sleep for 10 minutes, {@code throw}: a PluginException, {@code crash}: a LinkageError
 * as a broken jar gives, {@code nonsense}: null or impossible answers) and {@code operations} (a comma-separated list
 * of the calls that misbehave, e.g. {@code launch}; empty for all). When fine, the data store keeps objects in its
 * work folder, the environment completes every job at once, and the notifier accepts every event.
 */
final class MisbehavingPlugins {

    static final String PLUGIN = "misbehaving";
    static final String OPTIMIZER = "misbehaving";
    static final String FACTORY = "misbehaving";
    static final long HANGS = 1;
    static final long THROWS = 2;
    static final long ANSWERS_NULL = 3;

    private static final Map<String, String> SOURCES = Map.of("MisbehavingOptimizerFactory", """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginContext;
            import io.lathe.plugin.api.PluginException;
            import io.lathe.plugin.api.optimizer.Optimizer;
            import io.lathe.plugin.api.optimizer.OptimizerFactory;
            import java.util.List;

            public final class MisbehavingOptimizerFactory implements OptimizerFactory {
                public String id() { return "misbehaving"; }
                public String displayName() { return "Misbehaving on purpose"; }
                public Optimizer create(PluginContext context) {
                    return request -> {
                        if (request.seed() == 1) {
                            try {
                                Thread.sleep(600_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return List.of();
                        }
                        if (request.seed() == 2) {
                            throw new PluginException("broken-on-purpose", "this optimizer breaks on purpose");
                        }
                        return null;
                    };
                }
            }
            """, "Behaviour", """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginException;
            import io.lathe.plugin.api.config.ConfigProperty;
            import io.lathe.plugin.api.config.ConfigPropertyType;
            import io.lathe.plugin.api.config.Settings;
            import java.util.Arrays;
            import java.util.List;
            import java.util.Set;
            import java.util.stream.Collectors;

            /** What a misbehaving instance does when one of the chosen operations is called. */
            final class Behaviour {
                static final List<ConfigProperty> PROPERTIES = List.of(
                        ConfigProperty.builder("behaviour", ConfigPropertyType.CHOICE)
                                .options(List.of("fine", "hang", "throw", "crash", "nonsense"))
                                .defaultValue("fine").build(),
                        ConfigProperty.builder("operations", ConfigPropertyType.STRING).build());

                private final String mode;
                private final Set<String> operations;

                Behaviour(Settings settings) {
                    mode = settings.find("behaviour").orElse("fine");
                    operations = Arrays.stream(settings.find("operations").orElse("").split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
                }

                /** Hangs, throws or crashes in a chosen operation; true when it is to answer nonsense. */
                boolean act(String operation) {
                    if (!operations.isEmpty() && !operations.contains(operation)) {
                        return false;
                    }
                    switch (mode) {
                        case "hang":
                            try {
                                Thread.sleep(600_000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return false;
                        case "throw":
                            throw new PluginException("broken-on-purpose", operation + " breaks on purpose");
                        case "crash":
                            throw new LinkageError(operation + " crashes on purpose");
                        case "nonsense":
                            return true;
                        default:
                            return false;
                    }
                }
            }
            """, "MisbehavingStorageFactory", """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginContext;
            import io.lathe.plugin.api.PluginException;
            import io.lathe.plugin.api.config.ConfigProperty;
            import io.lathe.plugin.api.config.Settings;
            import io.lathe.plugin.api.storage.StorageBackend;
            import io.lathe.plugin.api.storage.StorageBackendFactory;
            import io.lathe.plugin.api.storage.StoredObject;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.UncheckedIOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardCopyOption;
            import java.time.Instant;
            import java.util.List;
            import java.util.Optional;
            import java.util.function.Consumer;

            public final class MisbehavingStorageFactory implements StorageBackendFactory {
                public String id() { return "misbehaving"; }
                public String displayName() { return "Misbehaving data store"; }
                public List<ConfigProperty> configProperties() { return Behaviour.PROPERTIES; }
                public StorageBackend create(Settings settings, PluginContext context) {
                    Behaviour behaviour = new Behaviour(settings);
                    Path folder = context.workDirectory();
                    return new StorageBackend() {
                        private Path file(String key) {
                            return folder.resolve(key.replace('/', '_'));
                        }

                        public StoredObject put(String key, InputStream content, long length) {
                            if (behaviour.act("put")) {
                                return null;
                            }
                            try {
                                Files.copy(content, file(key), StandardCopyOption.REPLACE_EXISTING);
                                return new StoredObject(key, Files.size(file(key)), Instant.now());
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }

                        public InputStream open(String key, long offset) {
                            if (behaviour.act("open")) {
                                return null;
                            }
                            try {
                                InputStream in = Files.newInputStream(file(key));
                                in.skipNBytes(offset);
                                return in;
                            } catch (IOException e) {
                                throw new PluginException("object-not-found", "no object " + key);
                            }
                        }

                        public Optional<StoredObject> stat(String key) {
                            if (behaviour.act("stat")) {
                                return null;
                            }
                            try {
                                return Files.exists(file(key)) ? Optional.of(new StoredObject(key,
                                        Files.size(file(key)), Instant.now())) : Optional.empty();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }

                        public void list(String prefix, Consumer<StoredObject> visitor) {
                            if (behaviour.act("list")) {
                                visitor.accept(null);
                            }
                        }

                        public void delete(String key) {
                            behaviour.act("delete");
                            try {
                                Files.deleteIfExists(file(key));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }

                        public void close() {
                        }
                    };
                }
            }
            """, "MisbehavingComputeFactory", """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginContext;
            import io.lathe.plugin.api.config.ConfigProperty;
            import io.lathe.plugin.api.config.Settings;
            import io.lathe.plugin.api.compute.ComputeEnvironment;
            import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
            import io.lathe.plugin.api.compute.JobListener;
            import io.lathe.plugin.api.compute.JobOutcome;
            import io.lathe.plugin.api.compute.JobSpec;
            import io.lathe.plugin.api.compute.JobState;
            import java.util.List;
            import java.util.OptionalInt;

            public final class MisbehavingComputeFactory implements ComputeEnvironmentFactory {
                public String id() { return "misbehaving"; }
                public String displayName() { return "Misbehaving environment"; }
                public List<ConfigProperty> configProperties() { return Behaviour.PROPERTIES; }
                public ComputeEnvironment create(Settings settings, PluginContext context) {
                    Behaviour behaviour = new Behaviour(settings);
                    return new ComputeEnvironment() {
                        public int capacity() {
                            return behaviour.act("capacity") ? 0 : 1;
                        }

                        public String launch(JobSpec spec, JobListener listener) {
                            if (behaviour.act("launch")) {
                                return null;
                            }
                            new Thread(() -> {
                                listener.started();
                                listener.finished(new JobOutcome(JobOutcome.Status.COMPLETE, OptionalInt.of(0), ""));
                            }, "misbehaving-job").start();
                            return "job-" + spec.executionId();
                        }

                        public JobState state(String handle) {
                            return behaviour.act("state") ? null : JobState.FINISHED;
                        }

                        public void stop(String handle) {
                            behaviour.act("stop");
                        }

                        public void close() {
                        }
                    };
                }
            }
            """, "MisbehavingNotifierFactory", """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginContext;
            import io.lathe.plugin.api.config.ConfigProperty;
            import io.lathe.plugin.api.config.Settings;
            import io.lathe.plugin.api.notify.Notifier;
            import io.lathe.plugin.api.notify.NotifierFactory;
            import java.util.List;

            /** A notifier cannot answer nonsense (deliver returns nothing): there "nonsense" crashes instead. */
            public final class MisbehavingNotifierFactory implements NotifierFactory {
                public String id() { return "misbehaving"; }
                public String displayName() { return "Misbehaving notifier"; }
                public List<ConfigProperty> configProperties() { return Behaviour.PROPERTIES; }
                public Notifier create(Settings settings, PluginContext context) {
                    Behaviour behaviour = new Behaviour(settings);
                    return new Notifier() {
                        public void deliver(io.lathe.plugin.api.notify.Event event) {
                            if (behaviour.act("deliver")) {
                                throw new NullPointerException("nonsense: the event went nowhere");
                            }
                        }

                        public void close() {
                        }
                    };
                }
            }
            """);

    private MisbehavingPlugins() {
    }

    static void install(Path pluginsFolder) throws IOException {
        Path work = Files.createTempDirectory("misbehaving-plugin-");
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "--release", "17", "-cp",
                System.getProperty("java.class.path"), "-d", work.resolve("classes").toString()));
        for (Map.Entry<String, String> source : SOURCES.entrySet()) {
            Path file = work.resolve("src/test/misbehaving/" + source.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("the misbehaving plugin did not compile");
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", PLUGIN);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "tests");
        attributes.putValue("Plugin-Requires", ">=0.1.0");
        Files.createDirectories(pluginsFolder);
        try (OutputStream out = Files.newOutputStream(pluginsFolder.resolve(PLUGIN + ".jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write(String.join("\n", List.of("test.misbehaving.MisbehavingOptimizerFactory",
                    "test.misbehaving.MisbehavingStorageFactory", "test.misbehaving.MisbehavingComputeFactory",
                    "test.misbehaving.MisbehavingNotifierFactory")).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
