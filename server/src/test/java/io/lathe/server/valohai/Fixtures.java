package io.lathe.server.valohai;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;

/** Parses inline YAML for tests. */
final class Fixtures {

    private Fixtures() {
    }

    static ValohaiConfig parse(String yaml) {
        try {
            return ValohaiConfigParser.parse("valohai.yaml", new StringReader(yaml));
        } catch (ValohaiConfigException e) {
            throw new AssertionError("expected valid YAML but got " + e.errors(), e);
        }
    }

    /** The only (or first) step of {@code yaml}. */
    static Step step(String yaml) {
        return parse(yaml).steps().get(0);
    }

    static ValohaiConfigException failure(String yaml) {
        return assertThrows(ValohaiConfigException.class,
                () -> ValohaiConfigParser.parse("valohai.yaml", new StringReader(yaml)));
    }
}
