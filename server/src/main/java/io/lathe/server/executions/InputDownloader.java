package io.lathe.server.executions;

import io.lathe.server.platform.HashingInputStream;
import io.lathe.server.platform.TemporaryFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Fetches {@code http(s)://} inputs to a scratch file, streaming, with their size and SHA-256. */
@ApplicationScoped
public class InputDownloader {

    /** A fetched file; the caller deletes it. */
    public record Download(Path file, long size, String sha256) {
    }

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @Inject
    TemporaryFiles temporaryFiles;

    public Download download(String uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            Path file = temporaryFiles.create("input");
            HashingInputStream hashing = new HashingInputStream(body);
            try {
                Files.copy(hashing, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                TemporaryFiles.deleteQuietly(file);
                throw e;
            }
            return new Download(file, hashing.count(), hashing.sha256());
        }
    }
}
