package io.lathe.server.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A console page method answering a form's {@code POST} on a path template (see {@link Get}); its
 * {@link io.lathe.server.auth.Access} rule may be stricter than the page's {@code GET}, e.g. write access to change
 * what readers may see.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Post {

    /** The path template: literal segments and {@code {name}} variables. */
    String value();
}
