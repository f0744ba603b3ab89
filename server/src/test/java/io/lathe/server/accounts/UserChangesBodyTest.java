package io.lathe.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lathe.server.platform.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserChangesBodyTest {

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedNamingTheBody() {
        List<String> bodies = new ArrayList<>(List.of("null", "[]", "\"disable\"", "true", "12", "{", "", " "));
        bodies.add("9".repeat(1100));
        bodies.add(null);
        for (String body : bodies) {
            DomainException refused = assertThrows(DomainException.class, () -> UserResource.changes(body),
                    String.valueOf(body));
            assertEquals(DomainException.Kind.INVALID, refused.kind());
            assertEquals("body", refused.field());
        }
        assertEquals(true, UserResource.changes("{\"disabled\":true}").getBoolean("disabled"));
    }
}
