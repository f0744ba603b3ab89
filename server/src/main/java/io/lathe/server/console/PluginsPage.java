package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.executions.ExecutionRepository;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.admin.AdminPluginResource;
import io.lathe.server.plugins.admin.PluginAdmin;
import io.lathe.server.plugins.admin.UpdateSiteIndex;
import io.lathe.server.plugins.admin.UpdateSites;
import io.lathe.server.plugins.host.PluginDescription;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.plugins.points.PluginFaults;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/plugins}, for admins: the installed plugins as {@code GET /api/v1/plugins} lists them (id, version,
 * state, provider, extensions, dependencies, why one failed, a change waiting for a restart), and the life cycle of
 * {@link PluginAdmin}: a plugin jar posted as the raw body (by assets/admin-plugins.js) is installed or upgraded, and
 * forms enable, disable or uninstall one plugin. The outcome of an upload is shown on the next view of the page. A
 * plugin's recent faults ({@link PluginFaults}) are shown under it.
 */
@WebServlet(urlPatterns = "/admin/plugins")
public class PluginsPage extends HttpServlet {

    @Inject
    ConsoleTemplates templates;
    @Inject
    PluginHost host;
    @Inject
    PluginAdmin admin;
    @Inject
    PluginFaults faults;
    @Inject
    ExecutionRepository executions;
    @Inject
    UpdateSites sites;
    @Inject
    ExtensionPoints points;

    private static final String FLASH = "lathe.plugins.notice";
    private static final int RECENT_FAULTS = 5;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        if (!caller.isAdmin()) {
            ErrorPages.adminsOnly(templates, request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        String notice = session == null ? null : (String) session.getAttribute(FLASH);
        if (notice != null) {
            session.removeAttribute(FLASH);
        }
        show(request, response, HttpServletResponse.SC_OK, null, notice);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        if (!caller.isAdmin()) {
            ErrorPages.adminsOnly(templates, request, response);
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            upload(request, response, caller);
            return;
        }
        String id = request.getParameter("id");
        String action = request.getParameter("action");
        try {
            String site = request.getParameter("site");
            PluginAdmin.Outcome outcome = switch (action == null ? "" : action) {
                case "enable" -> admin.enable(required(id), caller);
                case "disable" -> admin.disable(required(id), caller);
                case "uninstall" -> admin.uninstall(required(id), caller);
                case "install" -> admin.installFromSite(site, required(id), blankAsNull(request.getParameter(
                        "version")), caller);
                case "remove-file" -> admin.removeFailedFile(request.getParameter("file"), caller);
                case "add-site" -> {
                    sites.add(site, request.getParameter("url"), caller);
                    yield new PluginAdmin.Outcome(PluginAdmin.Change.CHANGED, "Added the update site " + site + ".",
                            false, null);
                }
                case "remove-site" -> {
                    sites.remove(site, caller);
                    yield new PluginAdmin.Outcome(PluginAdmin.Change.CHANGED, "Removed the update site " + site + ".",
                            false, null);
                }
                default -> throw DomainException.invalid("invalid-action", "action must be enable, disable,"
                        + " uninstall, remove-file, install, add-site or remove-site", "action");
            };
            show(request, response, HttpServletResponse.SC_OK, null, outcome.message());
        } catch (DomainException e) {
            show(request, response, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
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
    private void upload(HttpServletRequest request, HttpServletResponse response, Caller caller) throws IOException {
        JsonObjectBuilder answer = Json.createObjectBuilder();
        try (InputStream body = request.getInputStream()) {
            PluginAdmin.Outcome outcome = admin.install(body, caller);
            request.getSession().setAttribute(FLASH, outcome.message());
            response.setStatus(AdminPluginResource.httpStatus(outcome.change()));
            answer.add("message", outcome.message()).add("restartRequired", outcome.restartRequired())
                    .add("location", "/admin/plugins");
        } catch (DomainException e) {
            response.setStatus(DomainExceptionMapper.httpStatus(e));
            answer.add("error", e.code()).add("message", e.getMessage());
            if (e.field() != null) {
                answer.add("field", e.field());
            }
        }
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(answer.build().toString());
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, String error,
            String notice) throws IOException {
        Map<String, Object> model = new HashMap<>();
        List<PluginDescription> plugins = host.describe();
        Map<String, Long> faultCounts = faults.counts();
        model.put("plugins", plugins.stream().map(p -> view(p, faultCounts)).toList());
        model.put("failed", plugins.stream().filter(p -> p.error() != null).count());
        model.put("restartRequired", plugins.stream().anyMatch(PluginDescription::restartRequired));
        model.put("sites", sites.describe().stream().map(PluginsPage::siteView).toList());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request, response, status, "admin-plugins", "Plugins", model);
    }

    private Map<String, Object> view(PluginDescription plugin, Map<String, Long> faultCounts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", plugin.id() == null ? "" : plugin.id());
        view.put("version", plugin.version() == null ? "" : plugin.version());
        view.put("state", plugin.state());
        view.put("provider", plugin.provider() == null ? "" : plugin.provider());
        view.put("description", plugin.description() == null ? "" : plugin.description());
        view.put("requires", plugin.requires() == null || plugin.requires().equals("*") ? "" : plugin.requires());
        view.put("dependencies", plugin.dependencies());
        view.put("file", plugin.file());
        view.put("extensions", plugin.extensions().stream().map(e -> Map.of(
                "point", e.point() == null ? "" : points.byId(e.point()).map(ExtensionPoint::displayName)
                        .orElse(e.point()),
                "id", e.id() == null ? "" : e.id(),
                "name", e.name() == null ? e.className() : e.name())).toList());
        view.put("error", plugin.error() == null ? "" : plugin.error());
        view.put("bundled", plugin.bundled());
        view.put("pending", plugin.pendingAction() == null ? "" : plugin.pendingAction());
        view.put("restartRequired", plugin.restartRequired());
        long faultCount = plugin.id() == null ? 0 : faultCounts.getOrDefault(plugin.id(), 0L);
        view.put("faultCount", faultCount);
        view.put("faults", faultCount == 0 ? List.of() : faults.latest(plugin.id(), RECENT_FAULTS).stream()
                .map(this::faultView).toList());
        return view;
    }

    private Map<String, Object> faultView(PluginFaults.FaultView fault) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", fault.at().toString());
        view.put("instance", points.byId(fault.extension()).map(p -> p.named(fault.instance()))
                .orElse(fault.extension() + " '" + fault.instance() + "'"));
        view.put("operation", fault.operation());
        view.put("message", fault.message());
        view.put("execution", fault.execution() == null ? "" : executions.find(fault.execution())
                .map(e -> "/projects/" + e.projectId() + "/executions/" + e.counter()).orElse(""));
        return view;
    }

    /** An update site for the page: its plugins with what an install or upgrade would bring. */
    private static Map<String, Object> siteView(UpdateSites.SiteView site) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", site.id());
        view.put("url", site.url());
        view.put("error", site.error() == null ? "" : site.error());
        view.put("offered", site.plugins().stream().map(p -> {
            Map<String, Object> plugin = new LinkedHashMap<>();
            plugin.put("id", p.id());
            plugin.put("description", p.description() == null ? "" : p.description());
            plugin.put("provider", p.provider() == null ? "" : p.provider());
            plugin.put("installed", p.installedVersion() == null ? "" : p.installedVersion());
            plugin.put("latest", p.latest() == null ? "" : p.latest());
            plugin.put("upgradable", p.upgradable());
            plugin.put("releases", p.releases().stream().filter(UpdateSiteIndex.Release::compatible)
                    .map(UpdateSiteIndex.Release::version).toList());
            return plugin;
        }).toList());
        return view;
    }
}
