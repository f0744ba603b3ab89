package io.lathe.plugin.api.storage;

/** The rules every key given to a {@link StorageBackend} follows, for backends to check defensively. */
public final class StorageKeys {

    private StorageKeys() {
    }

    /**
     * Checks a key against the rules in {@link StorageBackend}.
     *
     * @return the key
     * @throws IllegalArgumentException naming the rule broken
     */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("storage key is empty");
        }
        if (key.startsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("storage key must be a relative path with '/' separators: " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("storage key has an empty, '.' or '..' segment: " + key);
            }
        }
        return key;
    }
}
