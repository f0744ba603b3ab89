package io.lathe.server.plugins.admin;

import io.lathe.server.audit.AuditLog;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import io.lathe.server.platform.FailureText;
import io.lathe.server.platform.LatheSettings;
import io.lathe.server.platform.Limits;
import io.lathe.server.platform.OutboundAddresses;
import io.lathe.server.plugins.admin.UpdateSiteIndex.OfferedPlugin;
import io.lathe.server.plugins.admin.UpdateSiteIndex.Release;
import io.lathe.server.plugins.host.PluginHost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Update sites and what they offer. A site is a folder ({@code file:} or {@code http(s):}) with a {@code plugins.json}
 * in the format PF4J's pf4j-update reads: a list of plugins, each with its releases (version, {@code requires}
 * range, download URL relative to the folder or absolute, and {@code sha512sum}). Indexes are read when asked for,
 * never cached, so a site's new release shows at once.
 */
@ApplicationScoped
@Transactional
public class UpdateSites {

    static final String INDEX = "plugins.json";
    private static final Pattern SITE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-fA-F]{128}");
    /** No index needs more; a bigger answer is not an index. */
    private static final long MAX_INDEX_BYTES = 8L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "lathe")
    private EntityManager entityManager;
    @Inject
    AuditLog audit;
    @Inject
    Limits limits;
    @Inject
    LatheSettings settings;
    @Inject
    PluginHost host;
    @Inject
    OutboundAddresses addresses;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A site as listed: its plugins, or why they could not be read. */
    @JsonbNillable
    public record SiteView(String id, String url, long createdAt, List<OfferedPlugin> plugins, String error) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UpdateSite> sites() {
        return entityManager.createQuery("SELECT s FROM UpdateSite s ORDER BY s.id", UpdateSite.class)
                .setMaxResults(1000).getResultList();
    }

    /** Every site with what it offers now; a site that cannot be read says why and the others still list. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public List<SiteView> describe() {
        return sites().stream().map(this::describe).toList();
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public SiteView describe(UpdateSite site) {
        try {
            return new SiteView(site.id(), site.url(), site.createdAt(), offers(site), null);
        } catch (DomainException e) {
            return new SiteView(site.id(), site.url(), site.createdAt(), List.of(), e.getMessage());
        }
    }

    public UpdateSite site(String id) {
        UpdateSite site = id == null ? null : entityManager.find(UpdateSite.class, id);
        if (site == null) {
            throw DomainException.notFound("update site", id);
        }
        return site;
    }

    /**
     * Adds a site after reading its index once, so that a typo in the URL is refused at once.
     *
     * @throws DomainException 400 naming {@code id} or {@code url}; 409 when the id is taken; 502 when the index
     *     cannot be read
     */
    public UpdateSite add(String id, String url, Caller caller) {
        if (id == null || !SITE_ID.matcher(id).matches()) {
            throw DomainException.invalid("invalid-id", "id must be 1 to 64 lower-case letters, digits, '.', '-' or"
                    + " '_', starting with a letter or digit", "id");
        }
        UpdateSite site = new UpdateSite(id, folderUrl(url), System.currentTimeMillis());
        // Read before the first query, so that no database connection waits on a slow site.
        read(site);
        if (entityManager.find(UpdateSite.class, id) != null) {
            throw DomainException.conflict("site-exists", "there is an update site '" + id + "' already");
        }
        entityManager.persist(site);
        audit.record(caller.username(), "update-site.add", id, Map.of("after", site.url()));
        return site;
    }

    public void remove(String id, Caller caller) {
        UpdateSite site = site(id);
        entityManager.remove(site);
        audit.record(caller.username(), "update-site.remove", id, Map.of("before", site.url()));
    }

    /**
     * The release to install: {@code version}, or when it is null the newest one this Lathe can run.
     *
     * @throws DomainException 404 naming {@code id} or {@code version} when the site has no such plugin or release
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Release release(UpdateSite site, String pluginId, String version) {
        OfferedPlugin plugin = offers(site).stream().filter(p -> p.id().equals(pluginId)).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "not-on-site", "update site '"
                        + site.id() + "' offers no plugin '" + pluginId + "'", "id"));
        String wanted = version != null ? version : plugin.latest();
        if (wanted == null) {
            throw new DomainException(DomainException.Kind.CONFLICT, "lathe-version", "no release of '" + pluginId
                    + "' on update site '" + site.id() + "' runs on Lathe " + LatheSettings.VERSION, "version");
        }
        Release release = plugin.releases().stream().filter(r -> r.version().equals(wanted)).findFirst()
                .orElseThrow(() -> new DomainException(DomainException.Kind.NOT_FOUND, "no-such-release", "update site '"
                        + site.id() + "' has no release " + wanted + " of '" + pluginId + "'; it has "
                        + plugin.releases().stream().map(Release::version).toList(), "version"));
        if (!release.compatible()) {
            // Refused from the index, before a byte is downloaded; the jar's own Plugin-Requires is checked again.
            throw new DomainException(DomainException.Kind.CONFLICT, "lathe-version", "plugin '" + pluginId + "' "
                    + release.version() + " needs Lathe " + release.requires() + "; this server is Lathe "
                    + LatheSettings.VERSION, "version");
        }
        return release;
    }

    /**
     * Downloads a release into {@code target}, streamed, and checks it against its SHA-512 sum before anything else
     * looks at it.
     *
     * @throws DomainException 409 {@code checksum-mismatch} when the bytes are not the ones the index names; 413 past
     *     {@code LATHE_MAX_PLUGIN_BYTES}; 502 when the download fails
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void download(UpdateSite site, Release release, Path target) {
        URI from = resolve(site, release.url());
        String expected = expectedSha512(site, release);
        MessageDigest sha512 = sha512();
        try (InputStream in = open(from, limits.maxPluginBytes(), Limits.MAX_PLUGIN_BYTES);
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha512.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw unreachable(site, from, e);
        }
        String actual = HexFormat.of().formatHex(sha512.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "checksum-mismatch", "the file downloaded from " + from
                    + " has SHA-512 " + actual + ", not the " + expected + " update site '" + site.id()
                    + "' names; nothing was installed", "sha512sum");
        }
    }

    private List<OfferedPlugin> offers(UpdateSite site) {
        return UpdateSiteIndex.offers(site.id(), read(site), host.manager());
    }

    private JsonArray read(UpdateSite site) {
        URI index = URI.create(site.url()).resolve(INDEX);
        try (InputStream in = open(index, MAX_INDEX_BYTES, null);
                JsonReader reader = Json.createReader(in)) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw UpdateSiteIndex.badIndex("update site '" + site.id() + "': " + index + " is not a list of plugins");
            }
            return value.asJsonArray();
        } catch (JsonException e) {
            throw UpdateSiteIndex.badIndex("update site '" + site.id() + "': " + index + " is not valid JSON: " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(site, index, e);
        }
    }

    /**
     * The {@code sha512sum} of a release: the sum itself, or (as pf4j-update also reads it) the URL of a file whose
     * first word is the sum. A release without one is refused: Lathe installs nothing it cannot check.
     */
    private String expectedSha512(UpdateSite site, Release release) {
        String sum = release.sha512sum();
        if (sum == null || sum.isBlank()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "no-checksum", "update site '" + site.id()
                    + "' gives no sha512sum for " + release.version() + "; Lathe installs only what it can check",
                    "sha512sum");
        }
        if (SHA512.matcher(sum.strip()).matches()) {
            return sum.strip();
        }
        URI from = resolve(site, sum.strip());
        try (InputStream in = open(from, 4096, null)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            String first = text.split("\\s+", 2)[0];
            if (SHA512.matcher(first).matches()) {
                return first;
            }
        } catch (IOException e) {
            throw unreachable(site, from, e);
        }
        throw new DomainException(DomainException.Kind.CONFLICT, "invalid-checksum", "the sha512sum of " + release.version()
                + " on update site '" + site.id() + "' is neither 128 hex digits nor a file holding them",
                "sha512sum");
    }

    /** A readable stream of at most {@code max} bytes; the limit's variable is named when there is one. */
    private InputStream open(URI uri, long max, String limitVariable) throws IOException {
        InputStream in;
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            in = Files.newInputStream(Path.of(uri));
        } else {
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode());
            }
            in = response.body();
        }
        return new java.io.FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count += Math.max(n, 0);
                if (count > max) {
                    throw new DomainException(DomainException.Kind.TOO_LARGE, "too-large", uri
                            + " is larger than " + max + " bytes" + (limitVariable == null ? ""
                                    : ", the limit " + limitVariable + " = " + max), null);
                }
                return n;
            }
        };
    }

    private String folderUrl(String url) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalid("missing-url", "url is required: the folder holding " + INDEX
                    + " (file:///srv/lathe-plugins/ or https://plugins.example.com/lathe/)", "url");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("invalid-url", "url is not a URL: " + e.getMessage(), "url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("file", "http", "https").contains(scheme) || uri.isOpaque()
                || (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty()))) {
            throw DomainException.invalid("invalid-url", "url must be a file: or https: URL of a folder, not '"
                    + url + "'", "url");
        }
        // Plugins run as the server: over plain http anyone on the way could hand the server a jar of theirs.
        if (scheme.equals("http") && !addresses.isAllowListed(uri)) {
            throw DomainException.invalid("insecure-url", "url must be https: or file:; plain http: is taken only"
                    + " for a host the administrator names in " + OutboundAddresses.ALLOWLIST, "url");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw DomainException.invalid("invalid-url", "url must name a folder, without a query or fragment",
                    "url");
        }
        String text = uri.toString();
        if (text.endsWith("/" + INDEX)) {
            text = text.substring(0, text.length() - INDEX.length());
        }
        return text.endsWith("/") ? text : text + "/";
    }

    /** A release URL as pf4j-update reads it: relative to the site's folder, or absolute. */
    static URI resolve(UpdateSite site, String url) {
        URI resolved;
        try {
            resolved = URI.create(site.url()).resolve(new URI(url));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw UpdateSiteIndex.badIndex("update site '" + site.id() + "' names a download URL that is not one: '" + url + "'");
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("file", "http", "https").contains(scheme)) {
            throw UpdateSiteIndex.badIndex("update site '" + site.id() + "' names a download URL that is not file:, http: or"
                    + " https:: '" + url + "'");
        }
        String siteScheme = URI.create(site.url()).getScheme().toLowerCase(Locale.ROOT);
        // A site on the network must not make the server read its own files, nor step down to plain http.
        if (scheme.equals("file") && !siteScheme.equals("file")) {
            throw UpdateSiteIndex.badIndex("update site '" + site.id() + "' names a file: download URL, which only a"
                    + " file: site may: '" + url + "'");
        }
        if (scheme.equals("http") && !siteScheme.equals("http")) {
            throw UpdateSiteIndex.badIndex("update site '" + site.id() + "' names a plain http: download URL: '" + url
                    + "'");
        }
        return resolved;
    }


    private static DomainException unreachable(UpdateSite site, URI uri, IOException e) {
        String why = FailureText.of(e);
        return new DomainException(DomainException.Kind.UPSTREAM_FAILED, "site-unreachable", "update site '" + site.id()
                + "': cannot read " + uri + ": " + why, null);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
