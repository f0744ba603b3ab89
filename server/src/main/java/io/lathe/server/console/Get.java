package io.lathe.server.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A console page method answering {@code GET} (and {@code HEAD}) on a path template such as
 * {@code /projects/{project}/executions/{counter}}. The method also carries the {@link io.lathe.server.auth.Access}
 * rule that {@link ConsoleServlet} checks before it runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Get {

    /** The path template: literal segments and {@code {name}} variables. */
    String value();
}
