package io.lathe.server.console;

import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.platform.LatheSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.implement.EscapeHtmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders console pages from the Velocity templates under {@code templates/} (in the webapp module). Every
 * {@code $reference} is HTML-escaped: a page that needs markup from data must build it in the template. Pages are
 * rendered inside {@code layout.vm}, which includes the page's template with {@code #parse}. Templates read records
 * (the API's views) by their components' names ({@link RecordUberspector}) and format values with {@code $format}
 * ({@link ConsoleFormat}); a reference that is null must be written quiet ({@code $!x}), or rendering fails.
 */
@ApplicationScoped
public class ConsoleTemplates {

    /** The request attribute the console's front door puts the signed-in caller in, read afresh for each request. */
    static final String CALLER_ATTRIBUTE = "lathe.caller";

    private static final ConsoleFormat FORMAT = new ConsoleFormat();

    private VelocityEngine engine;

    @PostConstruct
    void start() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        properties.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        properties.setProperty("resource.loader.class.cache", "true");
        properties.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapeHtmlReference.class.getName());
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, RecordUberspector.class.getName());
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        engine = new VelocityEngine(properties);
        engine.init();
    }

    /**
     * Renders {@code page} ({@code templates/<page>.vm}) in the layout, with {@code model} and what every page
     * shows (who is signed in, the CSRF token for its forms, the version).
     */
    public void render(HttpServletRequest request, HttpServletResponse response, int status, String page,
            String title, Map<String, ?> model) throws IOException {
        VelocityContext context = new VelocityContext();
        model.forEach(context::put);
        context.put("page", "templates/" + page + ".vm");
        context.put("title", title);
        context.put("caller", request.getAttribute(CALLER_ATTRIBUTE));
        context.put("csrf", ConsoleSession.csrfToken(request));
        context.put("version", LatheSettings.VERSION);
        context.put("format", FORMAT);
        context.put("path", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        Template layout = engine.getTemplate("templates/layout.vm", StandardCharsets.UTF_8.name());
        Writer writer = response.getWriter();
        layout.merge(context, writer);
        writer.flush();
    }
}
