package io.lathe.server.registry;

import io.lathe.server.platform.DomainException;
import java.util.regex.Pattern;

/** Names of datasets, dataset versions and models: words that read well in a {@code dataset://name/version} URI. */
final class RegistryNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private RegistryNames() {
    }

    /** @throws DomainException 400 naming {@code field} */
    static String checked(String name, String what, String field) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("invalid-name", "a " + what + " is 1 to 200 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit", field);
        }
        return name;
    }
}
