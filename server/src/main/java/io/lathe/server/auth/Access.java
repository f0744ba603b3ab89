package io.lathe.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call an API endpoint or open a console page. Every resource method and every console page method carries
 * one; {@link AccessFilter} (for the API) and the console's front door enforce it through {@link AccessControl}
 * before the method runs, and a method without one is refused (so nothing is left open by omission).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    /** The rule. */
    Rule value();

    /** For project rules: what the request names, whose project is checked. */
    On on() default On.PROJECT;

    /**
     * For project rules: the path (or else query) parameter holding the id of {@link #on()}; on a console page, the
     * variable of its path template ({@code project} in {@code /projects/{project}/...}).
     */
    String param() default "id";

    /** The rules, from most to least open. */
    enum Rule {
        /** Anyone, signed in or not (signing in itself). */
        PUBLIC,
        /** Any signed-in user; what they see is narrowed by the service (e.g. only their projects). */
        AUTHENTICATED,
        /** Users with the admin role. */
        ADMIN,
        /** Members of the project with read access or more. */
        PROJECT_READ,
        /** Members of the project with write access or more. */
        PROJECT_WRITE,
        /** The project's owner (and admins). */
        PROJECT_OWNER
    }

    /** What a project rule's parameter names. */
    enum On {
        PROJECT, EXECUTION, DATUM, TASK
    }
}
