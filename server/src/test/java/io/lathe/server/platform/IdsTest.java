package io.lathe.server.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreCanonicalUuidsThatSortByCreationTime() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Ids.newId());
            Thread.sleep(2);
        }
        ids.forEach(id -> assertTrue(Ids.isId(id), id));
        assertTrue(ids.stream().sorted().toList().equals(ids), ids.toString());
    }

    @Test
    void onlyCanonicalLowercaseUuidsAreIds() {
        assertFalse(Ids.isId("latest-model"));
        assertFalse(Ids.isId("../../etc/passwd"));
        assertFalse(Ids.isId(null));
    }
}
