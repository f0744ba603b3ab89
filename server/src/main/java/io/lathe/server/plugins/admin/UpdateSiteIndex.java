package io.lathe.server.plugins.admin;

import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.plugins.host.LathePluginManager;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * What an update site's {@code plugins.json} offers, read in the format of PF4J's pf4j-update and set beside what is
 * installed. An index that breaks the format is refused naming the entry at fault.
 */
public final class UpdateSiteIndex {

    private UpdateSiteIndex() {
    }

    /** One release of a plugin on a site; {@code compatible} says whether its {@code requires} takes this Lathe. */
    @JsonbNillable
    public record Release(String version, String date, String requires, String url, String sha512sum,
            boolean compatible) {
    }

    /**
     * A plugin a site offers, beside what is installed: {@code latest} is its newest release this Lathe can run, and
     * {@code upgradable} says whether that is newer than the installed one.
     */
    @JsonbNillable
    public record OfferedPlugin(String id, String description, String provider, String projectUrl,
            String installedVersion, String latest, boolean upgradable, List<Release> releases) {
    }

    /** The plugins of one site's index. */
    static List<OfferedPlugin> offers(String siteId, JsonArray index, LathePluginManager manager) {
        List<OfferedPlugin> offered = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            String where = "update site '" + siteId + "': " + UpdateSites.INDEX + " entry " + (i + 1);
            JsonObject entry = object(index.get(i), where);
            String id = text(entry, "id", where, true);
            where = "update site '" + siteId + "': plugin '" + id + "'";
            List<Release> releases = new ArrayList<>();
            JsonValue listed = entry.get("releases");
            if (listed != null && listed.getValueType() != JsonValue.ValueType.ARRAY) {
                throw badIndex(where + " has releases that are not a list");
            }
            String latest = null;
            for (JsonValue value : listed == null ? List.<JsonValue>of() : listed.asJsonArray()) {
                JsonObject release = object(value, where + " release");
                String version = text(release, "version", where + " release", true);
                checkVersion(manager, version, where);
                String requires = text(release, "requires", where + " " + version, false);
                boolean compatible = compatible(manager, requires);
                releases.add(new Release(version, text(release, "date", where + " " + version, false), requires,
                        text(release, "url", where + " " + version, true),
                        text(release, "sha512sum", where + " " + version, false), compatible));
                if (compatible && (latest == null || compare(manager, version, latest) > 0)) {
                    latest = version;
                }
            }
            var installed = manager == null ? null : manager.getPlugin(id);
            String installedVersion = installed == null ? null : installed.getDescriptor().getVersion();
            boolean upgradable = installedVersion != null && latest != null
                    && compare(manager, latest, installedVersion) > 0;
            offered.add(new OfferedPlugin(id, text(entry, "description", where, false),
                    text(entry, "provider", where, false), text(entry, "projectUrl", where, false), installedVersion,
                    latest, upgradable, List.copyOf(releases)));
        }
        return offered;
    }

    private static boolean compatible(LathePluginManager manager, String requires) {
        if (requires == null || requires.isBlank() || "*".equals(requires.strip())) {
            return true;
        }
        try {
            return manager == null || manager.getVersionManager()
                    .checkVersionConstraint(LatheSettings.SYSTEM_VERSION, requires);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkVersion(LathePluginManager manager, String version, String where) {
        try {
            compare(manager, version, "0.0.0");
        } catch (RuntimeException e) {
            throw badIndex(where + " has a release version '" + version + "' that is not a semantic version");
        }
    }

    private static int compare(LathePluginManager manager, String a, String b) {
        return manager == null ? a.compareTo(b) : manager.getVersionManager().compareVersions(a, b);
    }

    private static JsonObject object(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw badIndex(where + " is not an object");
        }
        return value.asJsonObject();
    }

    private static String text(JsonObject object, String field, String where, boolean required) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                throw badIndex(where + " has no " + field);
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw badIndex(where + ": " + field + " is not text");
        }
        return ((JsonString) value).getString();
    }

    static DomainException badIndex(String message) {
        return new DomainException(DomainException.Kind.UPSTREAM_FAILED, "invalid-index", message, null);
    }
}
