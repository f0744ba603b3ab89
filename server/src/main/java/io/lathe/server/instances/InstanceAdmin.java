package io.lathe.server.instances;

import io.lathe.plugin.api.ConfiguredInstanceFactory;
import io.lathe.plugin.api.compute.ComputeEnvironmentFactory;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.notify.NotifierFactory;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.plugins.host.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What administrators do with configured instances (data stores, compute environments, notification channels):
 * create one from an extension and its settings, change its settings, delete it. Settings are checked field by field
 * against what the extension declares; secret ones are sealed at rest and never shown again. Every change is in the
 * audit trail with secrets masked.
 */
@ApplicationScoped
@Transactional
public class InstanceAdmin {

    /** The kinds of configured instance, with the extension point each is made from and its table's entity. */
    public enum Kind {
        DATA_STORE("data-store", DataStore.class, StorageBackendFactory.class),
        ENVIRONMENT("environment", Environment.class, ComputeEnvironmentFactory.class),
        NOTIFICATION_CHANNEL("notification-channel", NotificationChannel.class, NotifierFactory.class);

        final String noun;
        final Class<? extends ConfiguredInstance> entity;
        final Class<? extends ConfiguredInstanceFactory<?>> point;

        Kind(String noun, Class<? extends ConfiguredInstance> entity, Class<? extends ConfiguredInstanceFactory<?>> point) {
            this.noun = noun;
            this.entity = entity;
            this.point = point;
        }
    }

    /** How an instance is shown: its factory, its settings with secrets masked, and the form to change them. */
    public record InstanceView(String name, String factory, Map<String, String> settings, List<Setting> form) {
    }

    /** One setting as the extension declares it, for a form built from the declaration. */
    public record Setting(String name, String label, String type, boolean required, boolean secret,
            String defaultValue, String help, List<String> options) {
    }

    /** An extension that makes instances of a kind, with the form of its settings. */
    public record FactoryView(String id, String name, String description, List<Setting> form) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Type SETTINGS = new HashMap<String, String>() { }.getClass().getGenericSuperclass();

    @PersistenceContext(unitName = "lathe")
    private EntityManager em;
    @Inject
    PluginHost plugins;
    @Inject
    ConfiguredInstances instances;
    @Inject
    SecretSettings secrets;
    @Inject
    AuditLog audit;

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The extensions started plugins offer for this kind, by id. */
    public List<FactoryView> factories(Kind kind) {
        return plugins.factories(kind.point).stream().map(f -> new FactoryView(f.id(), f.displayName(),
                f.description(), form(f.configProperties()))).sorted(java.util.Comparator.comparing(FactoryView::id))
                .toList();
    }

    public List<InstanceView> list(Kind kind) {
        return em.createQuery("SELECT i FROM " + kind.entity.getSimpleName() + " i ORDER BY i.name", kind.entity)
                .getResultStream().map(i -> view(kind, i)).toList();
    }

    public InstanceView get(Kind kind, String name) {
        return view(kind, find(kind, name));
    }

    /** @throws DomainException 400 naming the field at fault, 409 when the name is taken */
    public InstanceView create(Kind kind, String name, String factoryId, Map<String, String> given, Caller caller) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("invalid-name", "a " + kind.noun + "'s name is 1 to 64 lower-case letters,"
                    + " digits or '-', starting with a letter or digit", "name");
        }
        if (em.find(kind.entity, name) != null) {
            throw DomainException.conflict("name-taken", "there is already a " + kind.noun + " named '" + name + "'");
        }
        ConfiguredInstanceFactory<?> factory = factory(kind, factoryId);
        Map<String, String> settings = checked(kind, factory, given == null ? Map.of() : given);
        Map<String, String> stored = secrets.seal(factory.configProperties(), settings);
        ConfiguredInstance instance = newInstance(kind, name, factory.id(), jsonb.toJson(stored));
        em.persist(instance);
        audit.record(caller.username(), kind.noun + ".create", name, Map.of("factory", factory.id(),
                "settings", secrets.masked(factory.configProperties(), stored)));
        return view(kind, instance);
    }

    /**
     * Replaces the settings; a secret setting left out (or empty) keeps its value. The live instance is closed, so
     * the next use makes one from the new settings.
     */
    public InstanceView update(Kind kind, String name, Map<String, String> given, Caller caller) {
        ConfiguredInstance instance = find(kind, name);
        ConfiguredInstanceFactory<?> factory = factory(kind, instance.factory());
        Map<String, String> before = jsonb.fromJson(instance.settingsJson(), SETTINGS);
        Map<String, String> merged = new HashMap<>(given == null ? Map.of() : given);
        for (ConfigProperty property : factory.configProperties()) {
            String value = merged.get(property.name());
            if (property.secret() && (value == null || value.isEmpty() || value.equals(SecretSettings.MASK))
                    && before.containsKey(property.name())) {
                merged.put(property.name(), secrets.open(List.of(property), before).get(property.name()));
            }
        }
        Map<String, String> stored = secrets.seal(factory.configProperties(), checked(kind, factory, merged));
        em.createQuery("UPDATE " + kind.entity.getSimpleName() + " i SET i.settings = :s WHERE i.name = :n")
                .setParameter("s", jsonb.toJson(stored)).setParameter("n", name).executeUpdate();
        audit.record(caller.username(), kind.noun + ".update", name, Map.of(
                "before", secrets.masked(factory.configProperties(), before),
                "after", secrets.masked(factory.configProperties(), stored)));
        instances.evict(kind.entity, name);
        return view(kind, newInstance(kind, name, instance.factory(), jsonb.toJson(stored)));
    }

    /** @throws DomainException 409 when something still uses it (the default, a project, datums, running executions) */
    public void delete(Kind kind, String name, Caller caller) {
        ConfiguredInstance instance = find(kind, name);
        if (name.equals(ConfiguredInstances.DEFAULT) && kind != Kind.NOTIFICATION_CHANNEL) {
            throw DomainException.conflict("in-use", "'" + name + "' is the default " + kind.noun + " every new project"
                    + " uses; it cannot be deleted");
        }
        String usedBy = switch (kind) {
            case DATA_STORE -> uses("SELECT COUNT(p) FROM Project p WHERE p.defaultStore = :n", name, "projects")
                    + uses("SELECT COUNT(d) FROM Datum d WHERE d.store = :n", name, "datums")
                    + uses("SELECT COUNT(c) FROM CodeCommit c WHERE c.store = :n", name, "commits");
            // Executions name their environment in their record: one that ran any stays, so that records hold.
            case ENVIRONMENT -> uses("SELECT COUNT(p) FROM Project p WHERE p.defaultEnvironment = :n", name,
                    "projects") + executions(name);
            case NOTIFICATION_CHANNEL -> "";
        };
        if (!usedBy.isEmpty()) {
            throw DomainException.conflict("in-use", "the " + kind.noun + " '" + name + "' is used by" + usedBy
                    + "; it cannot be deleted while they use it");
        }
        em.remove(instance);
        instances.evict(kind.entity, name);
        audit.record(caller.username(), kind.noun + ".delete", name, Map.of("factory", instance.factory()));
    }

    private String executions(String environment) {
        long all = em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.environment = :n", Long.class)
                .setParameter("n", environment).getSingleResult();
        long unfinished = em.createQuery("SELECT COUNT(e) FROM Execution e WHERE e.environment = :n AND e.status IN"
                + " :s", Long.class).setParameter("n", environment).setParameter("s", java.util.Arrays.stream(
                        io.lathe.server.executions.ExecutionStatus.values()).filter(x -> !x.isTerminal()).toList())
                .getSingleResult();
        return all == 0 ? "" : " " + all + " executions (" + unfinished + " unfinished executions)";
    }

    private String uses(String jpql, String name, String what) {
        long count = em.createQuery(jpql, Long.class).setParameter("n", name).getSingleResult();
        return count == 0 ? "" : " " + count + " " + what;
    }

    private ConfiguredInstance find(Kind kind, String name) {
        ConfiguredInstance instance = name == null ? null : em.find(kind.entity, name);
        if (instance == null) {
            throw DomainException.notFound(kind.noun, name);
        }
        return instance;
    }

    private ConfiguredInstanceFactory<?> factory(Kind kind, String id) {
        List<? extends ConfiguredInstanceFactory<?>> available = plugins.factories(kind.point);
        return available.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() ->
                DomainException.invalid("unknown-factory", "no started plugin offers a " + kind.noun + " extension '"
                        + id + "'; there are " + available.stream().map(ConfiguredInstanceFactory::id).sorted().toList(),
                        "factory"));
    }

    /** The settings the extension declares, checked by it; unknown names and its errors are 400s naming them. */
    private static Map<String, String> checked(Kind kind, ConfiguredInstanceFactory<?> factory, Map<String, String> given) {
        Set<String> declared = factory.configProperties().stream().map(ConfigProperty::name)
                .collect(Collectors.toSet());
        for (String name : given.keySet()) {
            if (!declared.contains(name)) {
                throw DomainException.invalid("unknown-setting", "the " + kind.noun + " extension '" + factory.id()
                        + "' has no setting '" + name + "'; its settings are " + new TreeMap<>(declared.stream()
                        .collect(Collectors.toMap(n -> n, n -> ""))).keySet(), "settings." + name);
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

    private InstanceView view(Kind kind, ConfiguredInstance instance) {
        Map<String, String> stored = jsonb.fromJson(instance.settingsJson(), SETTINGS);
        List<ConfigProperty> declared = plugins.factories(kind.point).stream()
                .filter(f -> f.id().equals(instance.factory())).findFirst()
                .map(ConfiguredInstanceFactory::configProperties).orElse(List.of());
        return new InstanceView(instance.name(), instance.factory(), new TreeMap<>(secrets.masked(declared, stored)),
                form(declared));
    }

    private static List<Setting> form(List<ConfigProperty> declared) {
        return declared.stream().map(p -> new Setting(p.name(), p.label(), p.type().name().toLowerCase(
                java.util.Locale.ROOT), p.required(), p.secret(), p.defaultValue().orElse(null), p.help(),
                p.options())).toList();
    }

    private static ConfiguredInstance newInstance(Kind kind, String name, String factory, String settingsJson) {
        long now = System.currentTimeMillis();
        return switch (kind) {
            case DATA_STORE -> new DataStore(name, factory, settingsJson, now);
            case ENVIRONMENT -> new Environment(name, factory, settingsJson, now);
            case NOTIFICATION_CHANNEL -> new NotificationChannel(name, factory, settingsJson, now);
        };
    }
}
