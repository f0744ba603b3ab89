package io.lathe.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin that loads and starts fine but misbehaves when called, on purpose: its optimizer {@code misbehaving}
 * hangs when the task's seed is 1, throws when it is 2 and answers null when it is 3. Compiled here against the
 * test's class path (plugin-api, PF4J), as its author would, and packed as a PF4J jar with its extension index.
 */
final class MisbehavingPlugins {

    static final String OPTIMIZER = "misbehaving";
    static final long HANGS = 1;
    static final long THROWS = 2;
    static final long ANSWERS_NULL = 3;

    private static final String SOURCE = """
            package test.misbehaving;

            import io.lathe.plugin.api.PluginContext;
            import io.lathe.plugin.api.PluginException;
            import io.lathe.plugin.api.config.ConfigProperty;
            import io.lathe.plugin.api.config.Settings;
            import io.lathe.plugin.api.optimizer.Optimizer;
            import io.lathe.plugin.api.optimizer.OptimizerFactory;
            import java.util.List;

            public final class MisbehavingOptimizerFactory implements OptimizerFactory {
                public String id() { return "misbehaving"; }
                public String displayName() { return "Misbehaving on purpose"; }
                public List<ConfigProperty> configProperties() { return List.of(); }
                public Optimizer create(Settings settings, PluginContext context) {
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
            """;

    private MisbehavingPlugins() {
    }

    static void install(Path pluginsFolder) throws IOException {
        Path work = Files.createTempDirectory("misbehaving-plugin-");
        Path source = work.resolve("src/test/misbehaving/MisbehavingOptimizerFactory.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int exit = javac.run(null, null, null, "-proc:none", "--release", "17", "-cp",
                System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        if (exit != 0) {
            throw new IllegalStateException("the misbehaving plugin did not compile");
        }
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", "misbehaving-optimizer");
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "tests");
        attributes.putValue("Plugin-Requires", ">=0.1.0");
        Files.createDirectories(pluginsFolder);
        try (OutputStream out = Files.newOutputStream(pluginsFolder.resolve("misbehaving-optimizer.jar"));
                JarOutputStream jar = new JarOutputStream(out, manifest); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write(String.join("\n", List.of("test.misbehaving.MisbehavingOptimizerFactory"))
                    .getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }
}
