package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void failuresWhoseMessageIsAPathOrNothingAreSaidInWordsWithoutTheirClass() {
        assertEquals("no such file: weights.bin",
                FailureText.of(new NoSuchFileException("/var/lib/lathe/data/ab/weights.bin")));
        assertEquals("the connection was refused", FailureText.of(new ConnectException()));
        assertEquals("no such file: x", FailureText.of(new UncheckedIOException(new NoSuchFileException("/a/x"))));
        String linkage = FailureText.of(new ClassFormatError("Incompatible magic value"));
        assertTrue(linkage.startsWith("a class could not be loaded"), linkage);
        for (Throwable failure : new Throwable[] {new NoSuchFileException("/x"), new ConnectException(),
                new ClassFormatError(), new IllegalStateException()}) {
            String text = FailureText.of(failure);
            assertFalse(text.contains("Exception") || text.contains("Error") || text.contains("java."), text);
        }
    }

    @Test
    void theTechnicalTextKeepsTheClassForAdministrators() {
        assertEquals("java.net.ConnectException", FailureText.technical(new ConnectException()));
        assertEquals("ok", FailureText.of(new IllegalArgumentException("ok")));
    }
}
