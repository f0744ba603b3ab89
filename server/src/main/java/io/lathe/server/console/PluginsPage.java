package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.admin.AdminPluginResource;
import io.lathe.server.plugins.admin.PluginAdmin;
import io.lathe.server.plugins.admin.UpdateSites;
import io.lathe.server.plugins.host.PluginDescription;
import io.lathe.server.plugins.host.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/plugins}, for admins: the installed plugins as {@code GET /api/v1/admin/plugins} lists them (id,
 * version, state, provider, extensions, dependencies, why one failed, a change waiting for a restart, recent
 * faults), the update sites with what they offer, and the life cycle of {@link PluginAdmin}: a plugin jar posted as
 * the raw body (by assets/admin-plugins.js) is installed or upgraded, and forms enable, disable or uninstall one
 * plugin, install one from a site, add or remove a site. The outcome of an upload is shown on the next view of the
 * page.
 */
@ApplicationScoped
public class PluginsPage implements ConsolePage {

    private static final String FLASH = "lathe.plugins.notice";

    @Inject
    ConsoleTemplates templates;
    @Inject
    PluginHost host;
    @Inject
    PluginAdmin admin;
    @Inject
    UpdateSites sites;
    @Inject
    PluginRows rows;

    @Get("/admin/plugins")
    @Access(Rule.ADMIN)
    public void show(ConsoleRequest request) throws IOException {
        HttpSession session = request.http().getSession(false);
        String notice = session == null ? null : (String) session.getAttribute(FLASH);
        if (notice != null) {
            session.removeAttribute(FLASH);
        }
        render(request, HttpServletResponse.SC_OK, null, notice);
    }

    /** A form's action, or (any other body than a form) a plugin jar to install. */
    @Post("/admin/plugins")
    @Access(Rule.ADMIN)
    public void change(ConsoleRequest request) throws IOException {
        String type = request.http().getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            upload(request);
            return;
        }
        try {
            render(request, HttpServletResponse.SC_OK, null, apply(request, request.caller()));
        } catch (DomainException e) {
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    /** Does what the form asks and says what was done. */
    private String apply(ConsoleRequest request, Caller caller) {
        String id = request.parameter("id");
        String site = request.parameter("site");
        String action = request.parameter("action");
        return switch (action == null ? "" : action) {
            case "enable" -> admin.enable(required(id), caller).message();
            case "disable" -> admin.disable(required(id), caller).message();
            case "uninstall" -> admin.uninstall(required(id), caller).message();
            case "install" -> admin.installFromSite(site, required(id), blankAsNull(request.parameter("version")),
                    caller).message();
            case "remove-file" -> admin.removeFailedFile(request.parameter("file"), caller).message();
            case "add-site" -> {
                sites.add(site, request.parameter("url"), caller);
                yield "Added the update site " + site + ".";
            }
            case "remove-site" -> {
                sites.remove(site, caller);
                yield "Removed the update site " + site + ".";
            }
            default -> throw DomainException.invalid("invalid-action", "action must be enable, disable,"
                    + " uninstall, remove-file, install, add-site or remove-site", "action");
        };
    }

    private static String required(String id) {
        if (id == null || id.isBlank()) {
            throw DomainException.invalid("missing-id", "say which plugin", "id");
        }
        return id;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The raw body is the plugin jar; answers JSON for the page's script, and keeps the outcome for the next view. */
    private void upload(ConsoleRequest request) throws IOException {
        try (InputStream body = request.http().getInputStream()) {
            PluginAdmin.Outcome outcome = admin.install(body, request.caller());
            request.http().getSession().setAttribute(FLASH, outcome.message());
            ErrorPages.json(request.response(), AdminPluginResource.httpStatus(outcome.change()), Json.createObjectBuilder()
                    .add("message", outcome.message()).add("restartRequired", outcome.restartRequired())
                    .add("location", "/admin/plugins").build());
        } catch (DomainException e) {
            ErrorPages.json(request.response(), DomainExceptionMapper.httpStatus(e), ErrorPages.refusal(e));
        }
    }

    private void render(ConsoleRequest request, int status, String error, String notice) throws IOException {
        List<PluginDescription> plugins = host.describe();
        Map<String, Object> model = new HashMap<>();
        model.put("plugins", rows.of(plugins));
        model.put("failed", plugins.stream().filter(p -> p.error() != null).count());
        model.put("restartRequired", plugins.stream().anyMatch(PluginDescription::restartRequired));
        model.put("sites", sites.describe());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request.http(), request.response(), status, "admin-plugins", "Plugins", model);
    }
}
