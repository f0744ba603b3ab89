package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    private static final String HERE = "project-variable:p1/API_TOKEN";

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
        String sealed = box.encrypt("s3cr3t ✓", HERE);
        assertFalse(sealed.contains("s3cr3t"));
        assertTrue(sealed.startsWith("v2:") && box.isSealed(sealed) && box.isCurrent(sealed), sealed);
        assertNotEquals(sealed, box.encrypt("s3cr3t ✓", HERE), "each value gets a fresh nonce");
        assertEquals("s3cr3t ✓", box.decrypt(sealed, HERE));
        assertEquals("s3cr3t ✓", box().decrypt(sealed, HERE), "the key file is reused by the next server");
        Path key = home.resolve("secrets/master.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void aSealedValueOpensOnlyWhereItWasSealedFor() {
        SecretBox box = box();
        String sealed = box.encrypt("value", HERE);
        for (String elsewhere : new String[] {"project-variable:p2/API_TOKEN", "project-variable:p1/OTHER", ""}) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> box.decrypt(sealed, elsewhere));
            assertTrue(refused.getMessage().contains(elsewhere), refused.getMessage());
        }
    }

    @Test
    void valuesSealedBeforeTheBindingStillOpenAndAreMarkedForSealingAgain() {
        SecretBox box = box();
        box.encrypt("makes the key", HERE);
        String older = OlderSealedValues.v1(home.resolve("secrets"), "from an older server");
        assertTrue(box.isSealed(older));
        assertFalse(box.isCurrent(older));
        assertEquals("from an older server", box.decrypt(older, HERE));
        assertEquals("from an older server", box.decrypt(older, "anywhere"), "v1 was bound to nothing");
    }

    @Test
    void tamperedValuesAreRefused() {
        SecretBox box = box();
        String sealed = box.encrypt("value", HERE);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
        assertThrows(IllegalStateException.class, () -> box.decrypt(tampered, HERE));
        assertThrows(IllegalStateException.class, () -> box.decrypt("plain text", HERE));
        assertThrows(IllegalStateException.class, () -> box.decrypt("v2:" + sealed.substring(3, 20), HERE));
    }
}
