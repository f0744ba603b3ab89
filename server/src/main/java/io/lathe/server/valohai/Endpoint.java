package io.lathe.server.valohai;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked {@code endpoint} item: an HTTP service a deployment runs.
 *
 * @param name lower-case letters, digits, {@code -} and {@code _}, starting with a letter (it is part of a URL)
 * @param image the Docker image
 * @param serverCommand the commands that start the HTTP server; empty when {@code wsgi} is given
 * @param wsgi the WSGI application, {@code module} or {@code module:callable}; exactly one of the two is given
 * @param port the port the server listens on, 1025–65535, 8000 by default
 * @param files files put into the deployment, such as the trained model
 * @param description shown to users
 * @param data the item as written, as plain JSON-ready data
 */
public record Endpoint(String name, String image, List<String> serverCommand, Optional<String> wsgi, int port,
        List<File> files, Optional<String> description, Map<String, Object> data) {

    public static final int DEFAULT_PORT = 8000;

    public Endpoint {
        requireNonNull(name, "name");
        requireNonNull(image, "image");
        serverCommand = List.copyOf(serverCommand);
        requireNonNull(wsgi, "wsgi");
        files = List.copyOf(files);
        requireNonNull(description, "description");
        data = Plain.freezeMap(requireNonNull(data, "data"));
    }

    /** The endpoint file called {@code fileName}, if there is one. */
    public Optional<File> file(String fileName) {
        return files.stream().filter(file -> file.name().equals(fileName)).findFirst();
    }

    /**
     * A file of an endpoint.
     *
     * @param name unique in the endpoint; pipelines fill it with {@code deploy.file.<endpoint>.<name>} edges
     * @param path where it is put, relative to the endpoint's working directory
     * @param description shown to users
     */
    public record File(String name, String path, Optional<String> description) {
        public File {
            requireNonNull(name, "name");
            requireNonNull(path, "path");
            requireNonNull(description, "description");
        }
    }
}
