package io.lathe.plugin.api.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Checks the index PF4J reads to find a plugin's extensions ({@code META-INF/extensions.idx}, written by PF4J's
 * annotation processor). A factory missing from it compiles and passes its unit tests, yet the server never sees it.
 */
public final class ExtensionIndex {

    private ExtensionIndex() {
    }

    /**
     * Fails unless an index on {@code factory}'s class path lists it.
     *
     * @throws AssertionError naming the factory and the likely cause
     */
    public static void assertListed(Class<?> factory) {
        try {
            for (URL index : Collections.list(factory.getClassLoader().getResources("META-INF/extensions.idx"))) {
                try (InputStream in = index.openStream()) {
                    if (new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .anyMatch(factory.getName()::equals)) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("META-INF/extensions.idx does not list " + factory.getName()
                + ": PF4J would not find it. Is the class annotated @Extension, and is pf4j in the compiler's "
                + "annotationProcessorPaths?");
    }
}
