package io.lathe.server.data;

/**
 * What a datum search asks for; every field but the project may be null. Results come newest first, in pages that
 * continue after {@code after}.
 *
 * @param namePrefix the start of the datum's path ({@code models/} finds everything under models)
 * @param executionId the execution that made the datum: its id, or its counter as {@code #12} or {@code 12}, which
 *     {@link DatumService#search} turns into the id before the repository sees it
 * @param after where the previous page ended, or null for the first page
 */
public record DatumQuery(String projectId, String namePrefix, String tag, String executionId, Long createdFrom,
        Long createdUntil, Long minSize, Long maxSize, DatumCursor after, int limit) {
}
