package io.lathe.server.it;

import io.lathe.server.it.greeter.GreeterPoint;
import io.lathe.server.it.greeter.plugin.TestGreeterFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The server with the test-only extension point {@code greeter} ({@link GreeterPoint}) in it: the built jar with the
 * point's package added to its WAR as a library, nothing else of the server changed, and a plugin offering a
 * greeter factory ({@link TestGreeterFactory}) in its plugins folder.
 */
final class GreeterServer {

    static final String PLUGIN = "test-greeter";
    private static final String POINT_PACKAGE = GreeterPoint.class.getPackageName().replace('.', '/');
    private static final String PLUGIN_PACKAGE = TestGreeterFactory.class.getPackageName().replace('.', '/');
    private static final String WAR = "MICRO-INF/deploy/ROOT.war";

    private GreeterServer() {
    }

    static LatheServer start(Path home, Map<String, String> environment) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("greeter-server-");
        Path testClasses = testClasses();
        Path pointJar = pack(testClasses, POINT_PACKAGE, work.resolve("lathe-test-greeter-point.jar"), new Manifest(),
                Map.of("META-INF/beans.xml", "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                        + " bean-discovery-mode=\"annotated\"/>\n"));
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", PLUGIN);
        attributes.putValue("Plugin-Version", "1.0.0");
        attributes.putValue("Plugin-Provider", "tests");
        attributes.putValue("Plugin-Requires", ">=0.1.0");
        Files.createDirectories(home.resolve("plugins"));
        pack(testClasses, PLUGIN_PACKAGE, home.resolve("plugins").resolve(PLUGIN + ".jar"), manifest,
                Map.of("META-INF/extensions.idx", TestGreeterFactory.class.getName() + "\n"));
        return new LatheServer(withLibrary(pointJar, work), home, environment).start();
    }

    /** A copy of the built server jar whose WAR holds {@code library} in {@code WEB-INF/lib}. */
    private static Path withLibrary(Path library, Path work) throws IOException {
        Path jar = Files.copy(Path.of(System.getProperty("lathe.jar", "target/lathe.jar")), work.resolve("lathe.jar"));
        Path war = work.resolve("ROOT.war");
        try (FileSystem server = FileSystems.newFileSystem(jar)) {
            Files.copy(server.getPath(WAR), war);
            try (FileSystem webapp = FileSystems.newFileSystem(war)) {
                Files.copy(library, webapp.getPath("WEB-INF/lib", library.getFileName().toString()));
            }
            Files.copy(war, server.getPath(WAR), StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }

    /** A jar of the classes of one package (not its subpackages), with {@code extra} files. */
    private static Path pack(Path classes, String packagePath, Path target, Manifest manifest,
            Map<String, String> extra) throws IOException {
        if (manifest.getMainAttributes().isEmpty()) {
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        }
        try (OutputStream out = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            List<Path> classFiles = files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
            for (Path file : classFiles) {
                jar.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
            for (Map.Entry<String, String> file : extra.entrySet()) {
                jar.putNextEntry(new JarEntry(file.getKey()));
                jar.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path testClasses() {
        try {
            URI location = GreeterPoint.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            return Path.of(location);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
