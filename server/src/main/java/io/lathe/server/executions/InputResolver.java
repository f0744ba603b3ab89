package io.lathe.server.executions;

import io.lathe.server.platform.DomainException;
import io.lathe.server.data.Datum;
import io.lathe.server.data.DatumService;
import io.lathe.server.registry.DatasetService;
import io.lathe.server.registry.ModelRegistry;
import io.lathe.server.valohai.Input;
import io.lathe.server.valohai.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a step's inputs to files: the URIs given (or the yaml's defaults), each checked now, so that an
 * execution never starts with an input that cannot exist. Datums are pinned by id at creation, as Valohai does.
 */
@ApplicationScoped
public class InputResolver {

    private static final String DATUM = "datum://";
    private static final String DATASET = "dataset://";
    private static final String MODEL = "model://";
    static final int MAX_URI_LENGTH = 2000;
    static final int MAX_FILE_NAME_LENGTH = 500;

    @Inject
    DatumService datums;
    @Inject
    DatasetService datasets;
    @Inject
    ModelRegistry models;

    public List<ResolvedInput> resolve(String projectId, Step step, Map<String, Object> given) {
        Map<String, Object> supplied = given == null ? Map.of() : given;
        for (String name : supplied.keySet()) {
            if (step.inputs().stream().noneMatch(input -> input.name().equals(name))) {
                throw DomainException.invalid("unknown-input", "step '" + step.name() + "' has no input '" + name
                        + "'; its inputs are " + step.inputs().stream().map(Input::name).toList(), "inputs." + name);
            }
        }
        List<ResolvedInput> resolved = new ArrayList<>();
        for (Input input : step.inputs()) {
            List<String> uris = supplied.containsKey(input.name())
                    ? uris(input.name(), supplied.get(input.name())) : input.defaults();
            if (uris.isEmpty()) {
                if (!input.optional()) {
                    throw DomainException.invalid("missing-input", "input '" + input.name() + "' needs at least one "
                            + "file: give inputs." + input.name() + " or a default in valohai.yaml",
                            "inputs." + input.name());
                }
                continue;
            }
            Set<String> fileNames = new HashSet<>();
            for (String uri : uris) {
                for (ResolvedInput file : resolveUri(projectId, input, uri, uris.size())) {
                    checkFits(input, file);
                    if (!fileNames.add(file.fileName())) {
                        throw DomainException.invalid("duplicate-input-file", "input '" + input.name()
                                + "' has two files named '" + file.fileName() + "'", "inputs." + input.name());
                    }
                    resolved.add(file);
                }
            }
        }
        return resolved;
    }

    /**
     * The files one URI gives: one for a datum or URL, every file of the version for {@code dataset://<name>/<version>}
     * and {@code model://<name>/<number|latest|latest-approved>}, resolved now and recorded by datum.
     */
    private List<ResolvedInput> resolveUri(String projectId, Input input, String uri, int uriCount) {
        String field = "inputs." + input.name();
        List<Datum> files;
        if (uri.startsWith(DATASET)) {
            String[] parts = nameAndVersion(uri, DATASET, input, field);
            files = datasets.files(projectId, parts[0], parts[1], field);
        } else if (uri.startsWith(MODEL)) {
            String[] parts = nameAndVersion(uri, MODEL, input, field);
            files = models.files(projectId, parts[0], parts[1].isEmpty() ? ModelRegistry.LATEST : parts[1], field);
        } else {
            return List.of(resolveOne(projectId, input, uri, uriCount));
        }
        String forcedName = uriCount == 1 && files.size() == 1 ? input.filename().orElse(null) : null;
        List<ResolvedInput> resolved = new ArrayList<>();
        for (Datum datum : files) {
            if (datum.isPurged()) {
                throw DomainException.invalid("purged-datum", "input '" + input.name() + "': '" + uri + "' holds"
                        + " datum '" + datum.id() + "', which was deleted", field);
            }
            resolved.add(new ResolvedInput(input.name(), uri, datum.id(),
                    forcedName != null ? forcedName : datum.fileName(), datum.size(), datum.sha256()));
        }
        return resolved;
    }

    private static String[] nameAndVersion(String uri, String scheme, Input input, String field) {
        String rest = uri.substring(scheme.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw DomainException.invalid("invalid-input-uri", "input '" + input.name() + "': write '" + scheme
                    + "<name>/<version>', not '" + uri + "'", field);
        }
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private ResolvedInput resolveOne(String projectId, Input input, String uri, int fileCount) {
        String field = "inputs." + input.name();
        String forcedName = fileCount == 1 ? input.filename().orElse(null) : null;
        if (uri.startsWith(DATUM)) {
            String id = uri.substring(DATUM.length());
            // An alias is resolved now: the execution records the datum it pointed at, so a re-run is exact.
            Datum datum = datums.resolve(projectId, id)
                    .orElseThrow(() -> DomainException.invalid("unknown-datum", "input '" + input.name()
                            + "': there is no datum or datum alias '" + id + "' in this project", field));
            if (datum.isPurged()) {
                throw DomainException.invalid("purged-datum", "input '" + input.name() + "': datum '" + id
                        + "' was deleted", field);
            }
            return new ResolvedInput(input.name(), uri, datum.id(),
                    forcedName != null ? forcedName : datum.fileName(), datum.size(), datum.sha256());
        }
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            URI parsed;
            try {
                parsed = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("invalid-input-uri", "input '" + input.name() + "': '" + uri
                        + "' is not a valid URL", field);
            }
            return new ResolvedInput(input.name(), uri, null, forcedName != null ? forcedName : fileName(parsed),
                    null, null);
        }
        throw DomainException.invalid("unsupported-input-uri", "input '" + input.name() + "': '" + uri
                + "' is not supported; use http(s):// URLs, datum://<id or alias>, dataset://<name>/<version> or"
                + " model://<name>/<version>", field);
    }

    /** The URI and file name are stored in columns of a fixed size. */
    private static void checkFits(Input input, ResolvedInput file) {
        if (file.uri().length() > MAX_URI_LENGTH) {
            throw DomainException.invalid("invalid-input-uri", "input '" + input.name() + "': a URI is at most "
                    + MAX_URI_LENGTH + " characters long", "inputs." + input.name());
        }
        if (file.fileName().length() > MAX_FILE_NAME_LENGTH) {
            throw DomainException.invalid("invalid-input-file-name", "input '" + input.name() + "': a file name is at"
                    + " most " + MAX_FILE_NAME_LENGTH + " characters long", "inputs." + input.name());
        }
    }

    private static List<String> uris(String name, Object value) {
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof Collection<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw DomainException.invalid("invalid-input", "inputs." + name + " must be a URI or a list of URIs",
                "inputs." + name);
    }

    /** The last segment of the URL's path, made safe to be a file name. */
    static String fileName(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String decoded = URLDecoder.decode(last, StandardCharsets.UTF_8).replace('\\', '_').replace('\0', '_');
        if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..")) {
            return "download";
        }
        return decoded.replace('/', '_');
    }
}
