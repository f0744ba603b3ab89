package io.lathe.server.auth;

/** What a user may do in one project, in increasing order. Admins act as owners everywhere. */
public enum ProjectRole {
    NONE, READ, WRITE, OWNER;

    public boolean covers(ProjectRole needed) {
        return compareTo(needed) >= 0;
    }

    /** The name the API uses for member access. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
