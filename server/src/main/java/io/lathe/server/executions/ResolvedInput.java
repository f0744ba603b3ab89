package io.lathe.server.executions;

import java.util.Objects;

/**
 * An input file as the execution will use it.
 *
 * @param datumId the datum, for {@code datum://} inputs; null for URLs
 * @param size null until a URL has been downloaded
 * @param sha256 null until a URL has been downloaded
 */
public record ResolvedInput(String inputName, String uri, String datumId, String fileName, Long size, String sha256) {

    public ResolvedInput {
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(fileName, "fileName");
    }

    public boolean isDatum() {
        return datumId != null;
    }

    public ResolvedInput withContent(long newSize, String newSha256) {
        return new ResolvedInput(inputName, uri, datumId, fileName, newSize, newSha256);
    }
}
