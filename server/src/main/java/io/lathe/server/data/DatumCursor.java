package io.lathe.server.data;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.Ids;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of datums ended: the last datum's creation time and id, the keys results are ordered by. Given to
 * callers as an opaque token, so the ordering can change without breaking them.
 */
public record DatumCursor(long createdAt, String id) {

    public static DatumCursor after(Datum datum) {
        return new DatumCursor(datum.createdAt(), datum.id());
    }

    public String token() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws DomainException 400 naming the {@code after} parameter when the token is not one this server gave */
    public static DatumCursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String id = text.substring(colon + 1);
            if (colon > 0 && Ids.isId(id)) {
                return new DatumCursor(Long.parseLong(text.substring(0, colon)), id);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw DomainException.invalid("invalid-cursor", "'after' must be the 'next' token of a previous page",
                "after");
    }
}
