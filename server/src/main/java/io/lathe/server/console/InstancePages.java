package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.instances.ChannelTester;
import io.lathe.server.instances.InstanceAdmin;
import io.lathe.server.instances.SecretSettings;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import io.lathe.server.platform.DomainException;
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
import java.util.Objects;

/**
 * {@code /admin/<instances>} for every extension point with configured instances, at the path its descriptor names
 * ({@code /admin/data-stores}, {@code /admin/environments}, {@code /admin/notification-channels}), for admins: the
 * configured instances of the point, and a form built from the chosen extension's declared settings to add one;
 * {@code /admin/<instances>/<name>}: one instance's settings to change (secrets left blank keep their value), Delete,
 * and for a notification channel Send test. The other admin pages have exact paths, which take precedence.
 */
@WebServlet(urlPatterns = "/admin/*")
public class InstancePages extends HttpServlet {

    @Inject
    ConsoleTemplates templates;
    @Inject
    ExtensionPoints points;
    @Inject
    InstanceAdmin admin;
    @Inject
    ChannelTester tester;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isAdmin(request, response)) {
            return;
        }
        try {
            point(request);
            render(request, response, HttpServletResponse.SC_OK, null, null, null, null);
        } catch (DomainException e) {
            ErrorPages.render(templates, request, response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isAdmin(request, response)) {
            return;
        }
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        ExtensionPoint<?, ?> point;
        try {
            point = point(request);
        } catch (DomainException e) {
            ErrorPages.render(templates, request, response, e);
            return;
        }
        String name = instanceName(request);
        Map<String, String> typed = typedSettings(request);
        try {
            if (name == null) {
                String created = request.getParameter("name");
                admin.create(point, created, request.getParameter("factory"), typed, caller);
                response.sendRedirect("/admin/" + kindPath(request) + "/" + created + "?created");
            } else if ("test".equals(request.getParameter("action")) && point == ExtensionPoints.NOTIFIER) {
                ChannelTester.Delivery delivery = tester.test(name, caller);
                if (delivery.delivered()) {
                    render(request, response, HttpServletResponse.SC_OK, null, null, "Delivered a test event.", null);
                } else {
                    render(request, response, HttpServletResponse.SC_BAD_GATEWAY, "The test event was not delivered: "
                            + delivery.message(), null, null, null);
                }
            } else if ("delete".equals(request.getParameter("action"))) {
                admin.delete(point, name, caller);
                render(request, response, HttpServletResponse.SC_OK, null, null, "'" + name + "' was deleted.", null);
            } else {
                admin.update(point, name, typed, caller);
                render(request, response, HttpServletResponse.SC_OK, null, null, "Saved: the next use of '" + name
                        + "' follows the new settings.", null);
            }
        } catch (DomainException e) {
            render(request, response, DomainExceptionMapper.httpStatus(e), e.getMessage(), e.field(), null, typed);
        }
    }

    private boolean isAdmin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ConsoleSession.caller(request).orElseThrow().isAdmin()) {
            ErrorPages.adminsOnly(templates, request, response);
            return false;
        }
        return true;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, String error,
            String errorField, String notice, Map<String, String> typed) throws IOException {
        ExtensionPoint<?, ?> point = point(request);
        String kindPath = kindPath(request);
        String title = title(point);
        String name = instanceName(request);
        Map<String, Object> model = new HashMap<>();
        model.put("kindPath", kindPath);
        model.put("kindTitle", title);
        model.put("kinds", points.all().stream().filter(ExtensionPoint::hasConfiguredInstances)
                .map(p -> Map.of("path", p.configuredInstances().orElseThrow().adminPath(), "title", title(p)))
                .toList());
        model.put("canTest", point == ExtensionPoints.NOTIFIER);
        model.put("error", error);
        model.put("errorField", errorField == null ? "" : errorField);
        model.put("notice", notice != null ? notice : request.getParameter("created") != null ? "Created." : null);
        List<InstanceAdmin.FactoryView> factories = admin.factories(point);
        model.put("factories", factories);
        if (name != null && notice != null && notice.endsWith("was deleted.")) {
            name = null;
        }
        if (name == null) {
            model.put("instances", admin.list(point));
            String chosen = request.getParameter("factory");
            InstanceAdmin.FactoryView factory = factories.stream().filter(f -> f.id().equals(chosen)).findFirst()
                    .orElse(factories.isEmpty() ? null : factories.get(0));
            model.put("factory", factory == null ? "" : factory.id());
            model.put("fields", factory == null ? List.of() : fields(factory.form(), typed, Map.of()));
            model.put("newName", Objects.requireNonNullElse(request.getParameter("name"), ""));
            templates.render(request, response, status, "admin-instances", title, model);
        } else {
            InstanceAdmin.InstanceView instance = admin.get(point, name);
            model.put("instance", instance);
            model.put("fields", fields(instance.form(), typed, instance.settings()));
            templates.render(request, response, status, "admin-instance", instance.name() + " · " + title, model);
        }
    }

    /** The form's fields: each declared setting with its value (typed, else stored; secrets never shown). */
    private static List<Map<String, Object>> fields(List<InstanceAdmin.Setting> form, Map<String, String> typed,
            Map<String, String> stored) {
        return form.stream().map(setting -> {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", setting.name());
            field.put("label", setting.label());
            field.put("help", setting.help());
            field.put("required", setting.required());
            field.put("secret", setting.secret());
            field.put("type", setting.type());
            field.put("options", setting.options());
            String value = typed != null && typed.containsKey(setting.name()) ? typed.get(setting.name())
                    : stored.getOrDefault(setting.name(), "");
            field.put("value", setting.secret() || SecretSettings.MASK.equals(value) ? "" : value);
            field.put("isSet", setting.secret() && SecretSettings.MASK.equals(stored.get(setting.name())));
            field.put("placeholder", setting.defaultValue() == null ? "" : setting.defaultValue());
            return field;
        }).toList();
    }

    /** The settings the form sent ({@code setting.<name>} fields), blanks left out so defaults apply. */
    private static Map<String, String> typedSettings(HttpServletRequest request) {
        Map<String, String> typed = new LinkedHashMap<>();
        request.getParameterMap().forEach((field, values) -> {
            if (field.startsWith("setting.") && values.length > 0 && !values[0].isEmpty()) {
                typed.put(field.substring("setting.".length()), values[0]);
            }
        });
        return typed;
    }

    /** The point whose instances the path names; not found for any other path under {@code /admin/}. */
    private ExtensionPoint<?, ?> point(HttpServletRequest request) {
        return points.withAdminPath(kindPath(request)).orElseThrow(() -> DomainException.notFound("page",
                request.getRequestURI()));
    }

    /** {@code Data stores}: the point's instances as a title names them. */
    private static String title(ExtensionPoint<?, ?> point) {
        String plural = point.configuredInstances().orElseThrow().plural();
        return Character.toUpperCase(plural.charAt(0)) + plural.substring(1);
    }

    /** The first segment after {@code /admin/}: {@code data-stores}. */
    private static String kindPath(HttpServletRequest request) {
        String[] segments = segments(request);
        return segments.length > 0 ? segments[0] : "";
    }

    /** The second segment: the instance's name, or null on a point's page. */
    private static String instanceName(HttpServletRequest request) {
        String[] segments = segments(request);
        return segments.length > 1 && !segments[1].isEmpty() ? segments[1] : null;
    }

    private static String[] segments(HttpServletRequest request) {
        String rest = request.getPathInfo();
        return rest == null || rest.length() <= 1 ? new String[0] : rest.substring(1).split("/", 2);
    }
}
