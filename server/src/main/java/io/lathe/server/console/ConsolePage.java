package io.lathe.server.console;

/**
 * A CDI bean holding console pages: its public {@link Get} and {@link Post} methods, each with an
 * {@link io.lathe.server.auth.Access} rule, taking a {@link ConsoleRequest} or a {@link ProjectRequest}.
 * {@link ConsoleServlet} finds every such bean at start; a new page is a new bean, nothing else changes.
 */
public interface ConsolePage {
}
