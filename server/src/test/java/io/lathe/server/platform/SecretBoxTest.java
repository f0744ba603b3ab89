package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path home;

    private SecretBox box() {
        SecretBox box = new SecretBox();
        box.settings = new LatheSettings(home.toString(), 8080, "jdbc:h2:mem:x", Optional.empty());
        return box;
    }

    @Test
    void valuesComeBackAndAreNeverStoredAsThemselves() throws Exception {
        SecretBox box = box();
        String sealed = box.encrypt("s3cr3t ✓");
        assertFalse(sealed.contains("s3cr3t"));
        assertNotEquals(sealed, box.encrypt("s3cr3t ✓"), "each value gets a fresh nonce");
        assertEquals("s3cr3t ✓", box.decrypt(sealed));
        assertEquals("s3cr3t ✓", box().decrypt(sealed), "the key file is reused by the next server");
        Path key = home.resolve("secrets/master.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void tamperedValuesAreRefused() {
        SecretBox box = box();
        String sealed = box.encrypt("value");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
        assertThrows(IllegalStateException.class, () -> box.decrypt(tampered));
        assertThrows(IllegalStateException.class, () -> box.decrypt("plain text"));
    }
}
