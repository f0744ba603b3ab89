package io.lathe.server.platform;

import java.nio.file.Path;
import java.util.Optional;

/** A real {@link SecretBox} with its key under a test's folder, for tests outside this package. */
public final class SecretBoxes {

    private SecretBoxes() {
    }

    public static SecretBox in(Path home) {
        SecretBox box = new SecretBox();
        box.settings = new LatheSettings(home.toString(), 8080, "jdbc:h2:mem:x", Optional.empty());
        return box;
    }
}
