package io.lathe.server.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShownOutputTest {

    @Test
    void idsChecksumsTimesAndTokensMayDiffer() {
        String shown = """
                {"id":"01a21d45-f86a-7175-aca3-63e280c21738","_time":"2026-11-27T13:50:54.512Z"}
                ~4e5f794888b658b0dcb372ab05af1a2f9aaa04b78fc1d517e54324ebfcd71d31
                {"expires_at":"2027-01-31T00:00:00Z","token":"lathe_KfHS_9nknzC0pByb-pdUp58BhZZbsX5VfxibtGHEO-c"}
                """;
        String printed = """
                {"id":"01a25336-c0e0-7fcd-89ff-24898f665740","_time":"2026-12-08T01:13:46.9Z"}
                ~f318549462093203edec42accdc85c0949bae6ee1a74aecbd3395bebaed1ca8c
                {"expires_at":"2027-01-07T01:13:47Z","token":"lathe_vhHZIALCtdUscJfaK8AXrQwAGEy1cR19H_wy7UInDGg"}
                """;
        assertEquals(Optional.empty(), ShownOutput.difference(shown, printed));
    }

    @Test
    void everythingElseMustBeEqual() {
        Optional<String> difference = ShownOutput.difference("{\"counter\":3,\"status\":\"complete\"}",
                "{\"counter\":6,\"status\":\"complete\"}");
        assertTrue(difference.isPresent());
        assertTrue(difference.get().contains("first difference at line 1"), difference.get());
        assertTrue(difference.get().contains("  printed: {\"counter\":6,\"status\":\"complete\"}"), difference.get());
    }

    @Test
    void aMissingOrAnExtraLineIsADifference() {
        assertTrue(ShownOutput.difference("a\nb", "a").isPresent());
        assertTrue(ShownOutput.difference("a", "a\nb").get().contains("shown:   (end of output)"));
    }

    @Test
    void anEllipsisInALineMatchesAnyTextOnThatLine() {
        assertEquals(Optional.empty(), ShownOutput.difference("ready in … ms", "ready in 2250 ms"));
        assertEquals(Optional.empty(), ShownOutput.difference("{\"size\":…,\"a\":1}", "{\"size\":3737,\"a\":1}"));
        assertTrue(ShownOutput.difference("ready in … ms", "ready in 2250 s").isPresent());
        assertTrue(ShownOutput.difference("ready in … ms", "ready in 2250 ms\nmore").isPresent());
    }

    @Test
    void aLineThatIsOnlyAnEllipsisMatchesAnyNumberOfLines() {
        String shown = "x,y\n…\nend";
        assertEquals(Optional.empty(), ShownOutput.difference(shown, "x,y\nend"));
        assertEquals(Optional.empty(), ShownOutput.difference(shown, "x,y\n1,2\n3,4\nend"));
        assertTrue(ShownOutput.difference(shown, "x,y\n1,2\n").isPresent());
    }

    @Test
    void trailingBlanksEdgeBlankLinesAndLogStreamKeepAlivesAreIgnored() {
        String shown = "event: log\ndata: 1\n\nevent: status\n";
        String printed = "\n: waiting\n\nevent: log  \ndata: 1\n\n: waiting\n\nevent: status\n\n\n";
        assertEquals(Optional.empty(), ShownOutput.difference(shown, printed));
        // Blank lines inside the output count.
        assertTrue(ShownOutput.difference(shown, "event: log\ndata: 1\nevent: status").isPresent());
    }
}
