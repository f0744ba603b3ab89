package io.lathe.server.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

class InputResolverTest {

    @Test
    void aUrlInputIsNamedAfterTheLastSegmentOfItsPath() {
        assertEquals("train.csv", InputResolver.fileName(URI.create("https://host/data/train.csv?sig=abc")));
        assertEquals("my file.csv", InputResolver.fileName(URI.create("https://host/my%20file.csv")));
    }

    @Test
    void namesThatCouldEscapeTheInputFolderAreMadeSafe() {
        assertEquals("download", InputResolver.fileName(URI.create("https://host/")));
        assertEquals("download", InputResolver.fileName(URI.create("https://host/a/..")));
        assertEquals(".._etc_passwd", InputResolver.fileName(URI.create("https://host/..%2Fetc%2Fpasswd")));
    }
}
