package io.lathe.server.console;

import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.plugins.PluginDescription;
import io.lathe.server.plugins.PluginHost;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/plugins}, for admins: the installed plugins as {@code GET /api/v1/plugins} lists them (id, version,
 * state, provider, extensions, dependencies, why one failed). Changing plugins (upload, enable, disable) will post to
 * this page; {@link #show} then takes the outcome to report.
 */
@WebServlet(urlPatterns = "/admin/plugins")
public class PluginsPage extends HttpServlet {

    @Inject
    ConsoleTemplates templates;
    @Inject
    PluginHost host;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        if (!caller.isAdmin()) {
            ErrorPages.adminsOnly(templates, request, response);
            return;
        }
        show(request, response, HttpServletResponse.SC_OK, null, null);
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, String error,
            String notice) throws IOException {
        Map<String, Object> model = new HashMap<>();
        List<PluginDescription> plugins = host.describe();
        model.put("plugins", plugins.stream().map(PluginsPage::view).toList());
        model.put("failed", plugins.stream().filter(p -> p.error() != null).count());
        model.put("error", error);
        model.put("notice", notice);
        templates.render(request, response, status, "admin-plugins", "Plugins", model);
    }

    private static Map<String, Object> view(PluginDescription plugin) {
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
                "point", e.point() == null ? "" : e.point(),
                "id", e.id() == null ? "" : e.id(),
                "name", e.name() == null ? e.className() : e.name())).toList());
        view.put("error", plugin.error() == null ? "" : plugin.error());
        return view;
    }
}
