package io.lathe.server.platform;

/**
 * A feature that stores values sealed by {@link SecretBox} says how many it holds, so that start-up can tell a
 * missing key file that matters (secrets stored, none could be opened again) from a first start.
 */
public interface SealedSecrets {

    /** How many stored values were sealed with the server's key. */
    long countSealed();

    /** What they are, for a person: "secret project variables". */
    String description();
}
