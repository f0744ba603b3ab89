/**
 * The console: server-rendered pages (Velocity templates from the {@code webapp} module) for people in a browser,
 * a second front door beside the REST API that follows the same rules. {@link io.lathe.server.console.ConsoleServlet}
 * routes each URL to a page method ({@link io.lathe.server.console.Get}, {@link io.lathe.server.console.Post}) and
 * checks its {@link io.lathe.server.auth.Access} rule through the API's {@link io.lathe.server.auth.AccessControl};
 * pages act through the API's services and show the API's view records.
 */
package io.lathe.server.console;
