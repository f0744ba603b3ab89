package io.lathe.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SystemPageTest {

    @Test
    void secretsInADatabaseUrlAreNotShown() {
        assertEquals("jdbc:postgresql://db:5432/lathe?user=lathe&password=***&ssl=true",
                SystemPage.withoutSecrets("jdbc:postgresql://db:5432/lathe?user=lathe&password=s3cret&ssl=true"));
        assertEquals("jdbc:h2:file:/data/db/lathe;PASSWORD=***;MODE=LEGACY",
                SystemPage.withoutSecrets("jdbc:h2:file:/data/db/lathe;PASSWORD=abc;MODE=LEGACY"));
        assertEquals("jdbc:h2:mem:x", SystemPage.withoutSecrets("jdbc:h2:mem:x"));
        assertEquals("", SystemPage.withoutSecrets(null));
    }
}
