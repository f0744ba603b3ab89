package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.instances.ChannelTester;
import io.lathe.server.instances.InstanceAdmin;
import io.lathe.server.instances.SecretSettings;
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
 * {@code /admin/data-stores}, {@code /admin/environments}, {@code /admin/notification-channels}, for admins: the
 * configured instances of each kind, and a form built from the chosen extension's declared settings to add one;
 * {@code /admin/<kind>/<name>}: one instance's settings to change (secrets left blank keep their value), Delete, and
 * for a notification channel Send test.
 */
@WebServlet(urlPatterns = {"/admin/data-stores", "/admin/data-stores/*", "/admin/environments",
    "/admin/environments/*", "/admin/notification-channels", "/admin/notification-channels/*"})
public class InstancePages extends HttpServlet {

    private static final Map<String, InstanceAdmin.Kind> KINDS = Map.of(
            "data-stores", InstanceAdmin.Kind.DATA_STORE,
            "environments", InstanceAdmin.Kind.ENVIRONMENT,
            "notification-channels", InstanceAdmin.Kind.NOTIFICATION_CHANNEL);
    private static final Map<String, String> TITLES = Map.of(
            "data-stores", "Data stores", "environments", "Environments",
            "notification-channels", "Notification channels");

    @Inject
    ConsoleTemplates templates;
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
        String kindPath = kindPath(request);
        InstanceAdmin.Kind kind = KINDS.get(kindPath);
        String name = instanceName(request);
        Map<String, String> typed = typedSettings(request);
        try {
            if (name == null) {
                String created = request.getParameter("name");
                admin.create(kind, created, request.getParameter("factory"), typed, caller);
                response.sendRedirect("/admin/" + kindPath + "/" + created + "?created");
            } else if ("test".equals(request.getParameter("action"))
                    && kind == InstanceAdmin.Kind.NOTIFICATION_CHANNEL) {
                ChannelTester.Delivery delivery = tester.test(name, caller);
                if (delivery.delivered()) {
                    render(request, response, HttpServletResponse.SC_OK, null, null, "Delivered a test event.", null);
                } else {
                    render(request, response, HttpServletResponse.SC_BAD_GATEWAY, "The test event was not delivered: "
                            + delivery.message(), null, null, null);
                }
            } else if ("delete".equals(request.getParameter("action"))) {
                admin.delete(kind, name, caller);
                render(request, response, HttpServletResponse.SC_OK, null, null, "'" + name + "' was deleted.", null);
            } else {
                admin.update(kind, name, typed, caller);
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
        String kindPath = kindPath(request);
        InstanceAdmin.Kind kind = KINDS.get(kindPath);
        String name = instanceName(request);
        Map<String, Object> model = new HashMap<>();
        model.put("kindPath", kindPath);
        model.put("kindTitle", TITLES.get(kindPath));
        model.put("error", error);
        model.put("errorField", errorField == null ? "" : errorField);
        model.put("notice", notice != null ? notice : request.getParameter("created") != null ? "Created." : null);
        List<InstanceAdmin.FactoryView> factories = admin.factories(kind);
        model.put("factories", factories);
        if (name != null && notice != null && notice.endsWith("was deleted.")) {
            name = null;
        }
        if (name == null) {
            model.put("instances", admin.list(kind));
            String chosen = request.getParameter("factory");
            InstanceAdmin.FactoryView factory = factories.stream().filter(f -> f.id().equals(chosen)).findFirst()
                    .orElse(factories.isEmpty() ? null : factories.get(0));
            model.put("factory", factory == null ? "" : factory.id());
            model.put("fields", factory == null ? List.of() : fields(factory.form(), typed, Map.of()));
            model.put("newName", Objects.requireNonNullElse(request.getParameter("name"), ""));
            templates.render(request, response, status, "admin-instances", TITLES.get(kindPath), model);
        } else {
            InstanceAdmin.InstanceView instance = admin.get(kind, name);
            model.put("instance", instance);
            model.put("fields", fields(instance.form(), typed, instance.settings()));
            templates.render(request, response, status, "admin-instance", instance.name() + " · "
                    + TITLES.get(kindPath), model);
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

    private static String kindPath(HttpServletRequest request) {
        return request.getServletPath().substring("/admin/".length());
    }

    private static String instanceName(HttpServletRequest request) {
        String rest = request.getPathInfo();
        return rest == null || rest.length() <= 1 ? null : rest.substring(1);
    }
}
