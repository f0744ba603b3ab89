package io.lathe.server.valohai;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one {@code endpoint} item; the keys it allows are those of valohai-yaml's endpoint schema. */
final class EndpointReader {

    static final List<String> KEYS = List.of("name", "description", "image", "files", "port", "server-command",
            "wsgi", "resources", "node-selector", "tolerations");
    private static final List<String> FILE_KEYS = List.of("name", "path", "description");
    /** The endpoint's name is part of its URL. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final int MIN_PORT = 1025;
    private static final int MAX_PORT = 65535;

    private final Problems problems;
    private final YamlValues values;

    EndpointReader(Problems problems, YamlValues values) {
        this.problems = problems;
        this.values = values;
    }

    /** The endpoint, or empty when it has errors (which are reported). */
    Optional<Endpoint> read(Node value, Node key) {
        Optional<YamlMapping> read = YamlMapping.ofNamed(value, key, "endpoint", " with name, image and"
                + " server-command or wsgi", problems, values);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping endpoint = read.get();
        int errorsBefore = problems.errorCount();
        Map<String, Object> data = endpoint.plainMap();
        if (problems.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        endpoint.allowOnly(KEYS);
        Optional<String> name = endpoint.requiredText("name");
        name.filter(text -> !NAME.matcher(text).matches()).ifPresent(text -> problems.error(endpoint.value("name"),
                endpoint.where() + ": name must be lower-case letters, digits, '-' and '_', starting with a letter,"
                        + " as it is part of the endpoint's URL"));
        Optional<String> image = endpoint.requiredText("image");
        List<String> serverCommand = endpoint.textOrTexts("server-command").stream().map(ScalarNode::getValue)
                .toList();
        Optional<String> wsgi = endpoint.text("wsgi");
        if (endpoint.has("server-command") == endpoint.has("wsgi")) {
            problems.error(endpoint.has("wsgi") ? endpoint.keyNode("wsgi") : endpoint.node(), endpoint.where()
                    + ": give exactly one of server-command (a command that starts an HTTP server) and wsgi"
                    + " (module or module:callable)");
        }
        int port = port(endpoint);
        List<Endpoint.File> files = files(endpoint);
        Optional<String> description = endpoint.text("description");
        if (problems.errorCount() > errorsBefore || name.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(name.get(), image.get(), serverCommand, wsgi, port, files, description,
                data));
    }

    private int port(YamlMapping endpoint) {
        Optional<Number> port = endpoint.number("port");
        if (port.isEmpty()) {
            return Endpoint.DEFAULT_PORT;
        }
        double number = port.get().doubleValue();
        if (number != Math.rint(number) || number < MIN_PORT || number > MAX_PORT) {
            problems.error(endpoint.value("port"), endpoint.where() + ": port must be a whole number from "
                    + MIN_PORT + " to " + MAX_PORT + " (got " + values.describe(endpoint.value("port")) + ")");
            return Endpoint.DEFAULT_PORT;
        }
        return (int) number;
    }

    private List<Endpoint.File> files(YamlMapping endpoint) {
        List<Endpoint.File> files = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Node item : endpoint.list("files").orElse(List.of())) {
            Optional<YamlMapping> read = YamlMapping.ofNamed(item, null, endpoint.where() + ", file",
                    " with name and path", problems, values);
            if (read.isEmpty()) {
                continue;
            }
            YamlMapping file = read.get();
            file.allowOnly(FILE_KEYS);
            Optional<String> name = file.requiredText("name");
            Optional<String> path = file.requiredText("path");
            Optional<String> description = file.text("description");
            if (name.isPresent() && !names.add(name.get())) {
                problems.error(file.value("name"), file.where() + ": another file of the endpoint has this name");
            }
            if (name.isPresent() && path.isPresent()) {
                files.add(new Endpoint.File(name.get(), path.get(), description));
            }
        }
        return files;
    }
}
