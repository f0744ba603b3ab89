package io.lathe.server.valohai;

import java.util.Collection;

/** How messages list the names a reference could have used. */
final class StepNames {

    private static final int MAX_LISTED = 10;

    private StepNames() {
    }

    /** {@code "; the steps are a, b"}, or a hint when there are none. */
    static String suggestion(Collection<String> names) {
        return listing("steps", names);
    }

    /** {@code "; the <what> are a, b"}; nothing when there are too many to list or none. */
    static String listing(String what, Collection<String> names) {
        if (names.isEmpty()) {
            return "; the file declares no " + what;
        }
        if (names.size() > MAX_LISTED) {
            return "";
        }
        return "; the " + what + " are " + String.join(", ", names);
    }
}
