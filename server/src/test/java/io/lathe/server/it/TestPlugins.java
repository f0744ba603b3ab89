package io.lathe.server.it;

import io.lathe.plugin.api.notify.NotifierFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
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
 * Real plugin jars made while the tests run: a notifier factory compiled from source against plugin-api, listed in
 * the extension index, with the manifest an administrator's plugin would carry. Each id gets its own package, so
 * two plugins never share a class name. Public for the plugin host's unit tests, which load such jars themselves.
 */
public final class TestPlugins {

    /** The plugin-api class that {@link Spec#bundlingApiCopy()} puts a different copy of in the jar. */
    public static final String API_COPY = "io/lathe/plugin/api/notify/NotifierFactory.class";

    private TestPlugins() {
    }

    /**
     * What goes in the manifest (null leaves the attribute out), and whether the jar also bundles a copy of
     * plugin-api's notifier factory interface, as a jar built with plugin-api at compile scope would.
     */
    public record Spec(String id, String version, String requires, String dependencies, boolean apiCopy) {
        Spec requiring(String range) {
            return new Spec(id, version, range, dependencies, apiCopy);
        }

        Spec dependingOn(String list) {
            return new Spec(id, version, requires, list, apiCopy);
        }

        /**
         * The jar also holds {@link #API_COPY}, deliberately different from the server's: it does not extend
         * {@code ExtensionFactory}. A plugin that loaded it would not offer the server a notifier factory.
         */
        public Spec bundlingApiCopy() {
            return new Spec(id, version, requires, dependencies, true);
        }
    }

    public static Spec plugin(String id, String version) {
        return new Spec(id, version, ">=0.1.0", null, false);
    }

    /**
     * A plugin whose extension is a notifier factory with id {@code <plugin-id>-notifier} and the display name
     * {@code <plugin-id> notifier <version>}.
     */
    public static byte[] jar(Spec spec) {
        try {
            Path work = Files.createTempDirectory("test-plugin-");
            String pkg = "lathetest." + spec.id().replaceAll("[^A-Za-z0-9]", "_");
            String className = pkg + ".Notifiers";
            Path source = work.resolve("src").resolve(pkg.replace('.', '/')).resolve("Notifiers.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, """
                    package %s;

                    public class Notifiers implements io.lathe.plugin.api.notify.NotifierFactory {
                        public String id() { return "%s-notifier"; }
                        public String displayName() { return "%s notifier %s"; }
                        public java.util.List<io.lathe.plugin.api.config.ConfigProperty> configProperties() {
                            return java.util.List.of();
                        }
                        public io.lathe.plugin.api.notify.Notifier create(io.lathe.plugin.api.config.Settings s,
                                io.lathe.plugin.api.PluginContext context) {
                            return new io.lathe.plugin.api.notify.Notifier() {
                                public void deliver(io.lathe.plugin.api.notify.Event event) { }
                                public void close() { }
                            };
                        }
                    }
                    """.formatted(pkg, spec.id(), spec.id(), spec.version()));
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            compile(source, classes);
            if (spec.apiCopy()) {
                Path copy = work.resolve("api-copy").resolve(API_COPY.replace(".class", ".java"));
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, """
                        package io.lathe.plugin.api.notify;

                        /** Not the server's: no ExtensionFactory, one method of its own. */
                        public interface NotifierFactory extends org.pf4j.ExtensionPoint {
                            default String copiedApi() { return "the plugin's own copy"; }
                        }
                        """);
                compile(copy, classes);
            }

            Manifest manifest = new Manifest();
            Attributes attributes = manifest.getMainAttributes();
            attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            Map<String, String> values = new java.util.LinkedHashMap<>();
            values.put("Plugin-Id", spec.id());
            values.put("Plugin-Version", spec.version());
            values.put("Plugin-Provider", "tests");
            values.put("Plugin-Requires", spec.requires());
            values.put("Plugin-Dependencies", spec.dependencies());
            values.forEach((name, value) -> {
                if (value != null) {
                    attributes.putValue(name, value);
                }
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
                jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                jar.write((className + "\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar,
                                '/')));
                        jar.write(Files.readAllBytes(file));
                        jar.closeEntry();
                    }
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The jar of {@code spec} whose {@code META-INF/extensions.idx} also names {@code missingClass}, a class the jar
     * does not hold (as an index left over from an older build would).
     */
    public static byte[] jarNamingAMissingExtension(Spec spec, String missingClass) {
        try {
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
            try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(
                    new java.io.ByteArrayInputStream(jar(spec)));
                    JarOutputStream out = new JarOutputStream(rewritten, in.getManifest())) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(in.readAllBytes());
                    if (entry.getName().equals("META-INF/extensions.idx")) {
                        out.write((missingClass + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.closeEntry();
                }
            }
            return rewritten.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path source, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests need a JDK (javac) to build plugins");
        }
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "--release", "17", "-d", classes.toString(),
                "-cp", location(NotifierFactory.class) + File.pathSeparator + location(org.pf4j.ExtensionPoint.class)));
        arguments.add(source.toString());
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, errors, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the test plugin did not compile: " + errors);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
