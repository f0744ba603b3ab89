package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.instances.ChannelTester;
import io.lathe.server.instances.InstanceAdmin;
import io.lathe.server.instances.SecretSettings;
import io.lathe.server.plugins.points.ExtensionPoint;
import io.lathe.server.plugins.points.ExtensionPoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * and for a notification channel Send test.
 */
@ApplicationScoped
public class InstancePages implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    InstanceAdmin admin;
    @Inject
    ChannelTester tester;
    @Inject
    ExtensionPoints points;

    @Get("/admin/{kind}")
    @Access(Rule.ADMIN)
    public void list(ConsoleRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null, null, null);
    }

    @Get("/admin/{kind}/{name}")
    @Access(Rule.ADMIN)
    public void show(ConsoleRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null, null, null);
    }

    @Post("/admin/{kind}")
    @Access(Rule.ADMIN)
    public void create(ConsoleRequest request) throws IOException {
        change(request);
    }

    @Post("/admin/{kind}/{name}")
    @Access(Rule.ADMIN)
    public void change(ConsoleRequest request) throws IOException {
        Caller caller = request.caller();
        String kindPath = kindPath(request);
        ExtensionPoint<?, ?> point = point(request);
        String name = instanceName(request);
        HttpServletResponse response = request.response();
        Map<String, String> typed = typedSettings(request.http());
        try {
            if (name == null) {
                String created = request.parameter("name");
                admin.create(point, created, request.parameter("factory"), typed, caller);
                response.sendRedirect("/admin/" + kindPath + "/" + created + "?created");
            } else if ("test".equals(request.parameter("action"))
                    && point == ExtensionPoints.NOTIFIER) {
                ChannelTester.Delivery delivery = tester.test(name, caller);
                if (delivery.delivered()) {
                    render(request, HttpServletResponse.SC_OK, null, null, "Delivered a test event.", null);
                } else {
                    render(request, HttpServletResponse.SC_BAD_GATEWAY, "The test event was not delivered: "
                            + delivery.message(), null, null, null);
                }
            } else if ("delete".equals(request.parameter("action"))) {
                admin.delete(point, name, caller);
                render(request, HttpServletResponse.SC_OK, null, null, "'" + name + "' was deleted.", null);
            } else {
                admin.update(point, name, typed, caller);
                render(request, HttpServletResponse.SC_OK, null, null, "Saved: the next use of '" + name
                        + "' follows the new settings.", null);
            }
        } catch (DomainException e) {
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), e.field(), null, typed);
        }
    }

    private void render(ConsoleRequest request, int status, String error, String errorField, String notice,
            Map<String, String> typed) throws IOException {
        String kindPath = kindPath(request);
        ExtensionPoint<?, ?> point = point(request);
        String name = instanceName(request);
        HttpServletRequest http = request.http();
        HttpServletResponse response = request.response();
        Map<String, Object> model = new HashMap<>();
        model.put("kindPath", kindPath);
        model.put("kindTitle", title(point));
        model.put("kinds", points.all().stream().filter(ExtensionPoint::hasConfiguredInstances)
                .map(p -> Map.of("path", p.configuredInstances().orElseThrow().adminPath(), "title", title(p)))
                .toList());
        model.put("canTest", point == ExtensionPoints.NOTIFIER);
        model.put("error", error);
        model.put("errorField", errorField == null ? "" : errorField);
        model.put("notice", notice != null ? notice : request.parameter("created") != null ? "Created." : null);
        List<InstanceAdmin.FactoryView> factories = admin.factories(point);
        model.put("factories", factories);
        if (name != null && notice != null && notice.endsWith("was deleted.")) {
            name = null;
        }
        if (name == null) {
            model.put("instances", admin.list(point));
            String chosen = request.parameter("factory");
            InstanceAdmin.FactoryView factory = factories.stream().filter(f -> f.id().equals(chosen)).findFirst()
                    .orElse(factories.isEmpty() ? null : factories.get(0));
            model.put("factory", factory == null ? "" : factory.id());
            model.put("fields", factory == null ? List.of() : fields(factory.form(), typed, Map.of()));
            model.put("newName", Objects.requireNonNullElse(request.parameter("name"), ""));
            templates.render(http, response, status, "admin-instances", title(point), model);
        } else {
            InstanceAdmin.InstanceView instance = admin.get(point, name);
            model.put("instance", instance);
            model.put("fields", fields(instance.form(), typed, instance.settings()));
            templates.render(http, response, status, "admin-instance", instance.name() + " · "
                    + title(point), model);
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

    private static String kindPath(ConsoleRequest request) {
        return request.variable("kind");
    }

    /** The point whose instances the path names; not found for any other path under {@code /admin/}. */
    private ExtensionPoint<?, ?> point(ConsoleRequest request) {
        return points.withAdminPath(kindPath(request)).orElseThrow(() -> DomainException.notFound("page",
                request.http().getRequestURI()));
    }

    /** {@code Data stores}: the point's instances as a title names them. */
    private static String title(ExtensionPoint<?, ?> point) {
        String plural = point.configuredInstances().orElseThrow().plural();
        return Character.toUpperCase(plural.charAt(0)) + plural.substring(1);
    }

    private static String instanceName(ConsoleRequest request) {
        return request.variables().get("name");
    }
}
