package io.lathe.server.instances;

import io.lathe.plugin.api.ConfiguredInstanceFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.host.PluginHost;
import io.lathe.server.plugins.points.ExtensionPoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What administrators do with the configured instances of any extension point that has them (data stores,
 * environments, notification channels): create one from an extension and its settings, change its settings, delete
 * it. Settings are checked field by field against what the extension declares; secret ones are sealed at rest and
 * never shown again. Every change is in the audit trail with secrets masked.
 */
@ApplicationScoped
@Transactional
public class InstanceAdmin {

    /** How an instance is shown: its factory, its settings with secrets masked, and the form to change them. */
    public record InstanceView(String name, String factory, Map<String, String> settings, List<Setting> form) {
    }

    /** One setting as the extension declares it, for a form built from the declaration. */
    public record Setting(String name, String label, String type, boolean required, boolean secret,
            String defaultValue, String help, List<String> options) {
    }

    /** An extension that makes instances of a point, with the form of its settings. */
    public record FactoryView(String id, String name, String description, List<Setting> form) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Inject
    PluginHost plugins;
    @Inject
    ConfiguredInstanceRepository configured;
    @Inject
    LiveInstances live;
    @Inject
    DefaultInstances defaults;
    @Inject
    SecretSettings secrets;
    @Inject
    AuditLog audit;
    @Inject
    @Any
    Instance<InstanceUsage> usages;

    /** The extensions started plugins offer for this point, by id. */
    public List<FactoryView> factories(ExtensionPoint<?, ?> point) {
        return factoriesOf(point).stream().map(f -> new FactoryView(f.id(), f.displayName(), f.description(),
                form(f.configProperties()))).sorted(Comparator.comparing(FactoryView::id)).toList();
    }

    public List<InstanceView> list(ExtensionPoint<?, ?> point) {
        return configured.list(configuredOnly(point)).stream().map(i -> view(point, i)).toList();
    }

    /** @throws DomainException not found when there is no such instance */
    public InstanceView get(ExtensionPoint<?, ?> point, String name) {
        return view(point, find(point, name));
    }

    /** @throws DomainException invalid naming the field at fault, a conflict when the name is taken */
    public InstanceView create(ExtensionPoint<?, ?> point, String name, String factoryId, Map<String, String> given,
            Caller caller) {
        String noun = noun(point);
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("invalid-name", "a " + noun + "'s name is 1 to 64 lower-case letters,"
                    + " digits or '-', starting with a letter or digit", "name");
        }
        if (configured.exists(point, name)) {
            throw DomainException.conflict("name-taken", "there is already a " + noun + " named '" + name + "'");
        }
        ConfiguredInstanceFactory<?> factory = factory(point, factoryId);
        Map<String, String> stored = secrets.seal(point.id(), name, factory.configProperties(),
                checked(point, factory, given == null ? Map.of() : given));
        ConfiguredInstance instance = new ConfiguredInstance(point, name, factory.id(), stored,
                System.currentTimeMillis());
        configured.add(instance);
        audit.record(caller.username(), noun + ".create", name, Map.of("factory", factory.id(),
                "settings", secrets.masked(factory.configProperties(), stored)));
        return view(point, instance);
    }

    /**
     * Replaces the settings; a secret setting left out (or empty) keeps its value. The live instance is closed, so
     * the next use makes one from the new settings.
     */
    public InstanceView update(ExtensionPoint<?, ?> point, String name, Map<String, String> given, Caller caller) {
        ConfiguredInstance instance = find(point, name);
        ConfiguredInstanceFactory<?> factory = factory(point, instance.factory());
        Map<String, String> before = instance.settings();
        Map<String, String> merged = new HashMap<>(given == null ? Map.of() : given);
        for (ConfigProperty property : factory.configProperties()) {
            String value = merged.get(property.name());
            if (property.secret() && (value == null || value.isEmpty() || value.equals(SecretSettings.MASK))
                    && before.containsKey(property.name())) {
                merged.put(property.name(), secrets.open(point.id(), name, List.of(property), before)
                        .get(property.name()));
            }
        }
        // Every secret is sealed again, so values sealed in an older form are bound to this instance now.
        Map<String, String> stored = secrets.seal(point.id(), name, factory.configProperties(),
                checked(point, factory, merged));
        instance.replaceSettings(stored);
        audit.record(caller.username(), noun(point) + ".update", name, Map.of(
                "before", secrets.masked(factory.configProperties(), before),
                "after", secrets.masked(factory.configProperties(), stored)));
        live.evict(point, name);
        return view(point, instance);
    }

    /** @throws DomainException a conflict when something still uses it: the server as a default, or records */
    public void delete(ExtensionPoint<?, ?> point, String name, Caller caller) {
        ConfiguredInstance instance = find(point, name);
        String noun = noun(point);
        if (defaults.isDefault(point, name)) {
            throw DomainException.conflict("in-use", "'" + name + "' is the default " + noun + " every new project"
                    + " uses; it cannot be deleted");
        }
        // By what is counted ("3 datums" under d), whatever order the features come in.
        List<String> uses = usages.stream().flatMap(usage -> usage.usesOf(point, name).stream())
                .sorted(Comparator.comparing(use -> use.substring(use.indexOf(' ') + 1))).toList();
        if (!uses.isEmpty()) {
            throw DomainException.conflict("in-use", "the " + noun + " '" + name + "' is used by "
                    + String.join(", ", uses) + "; it cannot be deleted while they use it");
        }
        configured.remove(instance);
        live.evict(point, name);
        audit.record(caller.username(), noun + ".delete", name, Map.of("factory", instance.factory()));
    }

    /** The noun of audit actions and messages: {@code data-store}. */
    private static String noun(ExtensionPoint<?, ?> point) {
        return configuredOnly(point).noun().replace(' ', '-');
    }

    private static ExtensionPoint<?, ?> configuredOnly(ExtensionPoint<?, ?> point) {
        if (!point.hasConfiguredInstances()) {
            throw new IllegalArgumentException(point + " has no configured instances");
        }
        return point;
    }

    private ConfiguredInstance find(ExtensionPoint<?, ?> point, String name) {
        return configured.find(configuredOnly(point), name)
                .orElseThrow(() -> DomainException.notFound(noun(point), name));
    }

    private List<ConfiguredInstanceFactory<?>> factoriesOf(ExtensionPoint<?, ?> point) {
        return plugins.factories(configuredOnly(point).factoryType()).stream().<ConfiguredInstanceFactory<?>>map(
                f -> (ConfiguredInstanceFactory<?>) f).toList();
    }

    private ConfiguredInstanceFactory<?> factory(ExtensionPoint<?, ?> point, String id) {
        List<ConfiguredInstanceFactory<?>> available = factoriesOf(point);
        return available.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() ->
                DomainException.invalid("unknown-factory", "no started plugin offers a " + noun(point)
                        + " extension '" + id + "'; there are " + available.stream().map(f -> f.id()).sorted()
                        .toList(), "factory"));
    }

    /** The settings the extension declares, checked by it; unknown names and its errors name the field at fault. */
    private static Map<String, String> checked(ExtensionPoint<?, ?> point, ConfiguredInstanceFactory<?> factory,
            Map<String, String> given) {
        Set<String> declared = factory.configProperties().stream().map(ConfigProperty::name)
                .collect(Collectors.toSet());
        for (String name : given.keySet()) {
            if (!declared.contains(name)) {
                throw DomainException.invalid("unknown-setting", "the " + noun(point) + " extension '" + factory.id()
                        + "' has no setting '" + name + "'; its settings are " + new TreeSet<>(declared),
                        "settings." + name);
            }
        }
        List<ConfigError> errors;
        try {
            errors = factory.validate(given);
        } catch (RuntimeException e) {
            throw DomainException.invalid("invalid-settings", "the extension '" + factory.id() + "' could not check"
                    + " the settings: " + e.getMessage(), "settings");
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid("invalid-settings", errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), "settings." + errors.get(0).field());
        }
        Map<String, String> kept = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value != null) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private InstanceView view(ExtensionPoint<?, ?> point, ConfiguredInstance instance) {
        List<ConfigProperty> declared = factoriesOf(point).stream().filter(f -> f.id().equals(instance.factory()))
                .findFirst().<List<ConfigProperty>>map(ConfiguredInstanceFactory::configProperties).orElse(List.of());
        return new InstanceView(instance.name(), instance.factory(),
                new TreeMap<>(secrets.masked(declared, instance.settings())), form(declared));
    }

    private static List<Setting> form(List<ConfigProperty> declared) {
        return declared.stream().map(p -> new Setting(p.name(), p.label(), p.type().name().toLowerCase(Locale.ROOT),
                p.required(), p.secret(), p.defaultValue().orElse(null), p.help(), p.options())).toList();
    }
}
