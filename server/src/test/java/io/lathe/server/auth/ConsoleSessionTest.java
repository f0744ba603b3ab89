package io.lathe.server.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    @Test
    void aQueryStringThatNamesTheCsrfFieldInAnySpellingIsNoticed() {
        assertTrue(ConsoleSession.namesCsrf("csrf=abc"));
        assertTrue(ConsoleSession.namesCsrf("next=%2Fprojects&csrf=abc"));
        assertTrue(ConsoleSession.namesCsrf("%63srf=abc"), "percent-encoded");
        assertTrue(ConsoleSession.namesCsrf("csrf"), "without a value");
        assertTrue(ConsoleSession.namesCsrf("x=%zz&csr%"), "malformed: refused rather than guessed");
        assertFalse(ConsoleSession.namesCsrf(null));
        assertFalse(ConsoleSession.namesCsrf("next=csrf&csrfx=1"));
    }
}
