package io.lathe.server.plugins.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The classes a plugin's {@code META-INF/extensions.idx} names. PF4J trusts the index: a class it names that is not in
 * the plugin is looked up (and its stack trace logged) at every extension lookup, for as long as the plugin runs. A
 * plugin whose index names a class it does not hold is refused once instead, naming the class.
 */
public final class ExtensionIndex {

    public static final String PATH = "META-INF/extensions.idx";
    /** Far more than any real index; read no further, so that a huge index is not held in memory. */
    private static final int MAX_BYTES = 1024 * 1024;

    private ExtensionIndex() {
    }

    /**
     * The first class named in the index of {@code plugin} (a jar, or a folder PF4J unpacked one into) that the plugin
     * does not hold, with why; empty when every named class is there or there is no index.
     *
     * @throws IOException when the jar cannot be read
     */
    public static Optional<String> missingClass(Path plugin) throws IOException {
        if (Files.isDirectory(plugin)) {
            Path index = plugin.resolve("classes").resolve(PATH);
            if (!Files.isRegularFile(index)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(index)) {
                for (String name : classNames(in)) {
                    if (!Files.isRegularFile(plugin.resolve("classes").resolve(classFile(name)))) {
                        return Optional.of(problem(name));
                    }
                }
            }
            return Optional.empty();
        }
        try (JarFile jar = new JarFile(plugin.toFile())) {
            ZipEntry index = jar.getEntry(PATH);
            if (index == null) {
                return Optional.empty();
            }
            try (InputStream in = jar.getInputStream(index)) {
                for (String name : classNames(in)) {
                    if (jar.getEntry(classFile(name)) == null) {
                        return Optional.of(problem(name));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The class names of an index as PF4J reads it: a name per line, {@code #} starting a comment. */
    static List<String> classNames(InputStream index) throws IOException {
        byte[] bytes = index.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException(PATH + " is larger than " + MAX_BYTES + " bytes");
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static String problem(String className) {
        String shown = className.length() <= 200 ? className : className.substring(0, 200) + "\u2026";
        return PATH + " names the extension class " + shown + ", which is not in the plugin";
    }
}
