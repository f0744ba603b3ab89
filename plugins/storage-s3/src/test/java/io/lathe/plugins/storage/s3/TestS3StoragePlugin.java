package io.lathe.plugins.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import io.lathe.plugin.api.testkit.ExtensionIndex;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestS3StoragePlugin {

    private final StorageBackendFactory factory = new S3StorageBackendFactory();

    @Test
    void factoryDescribesItself() {
        assertEquals("s3", factory.id());
        assertEquals("S3 bucket", factory.displayName());
        assertEquals(List.of("endpoint", "region", "bucket", "prefix", "access-key", "secret-key", "path-style",
                "part-size-mib"), factory.configProperties().stream().map(ConfigProperty::name).toList());
        assertEquals(List.of("bucket"),
                factory.configProperties().stream().filter(ConfigProperty::required).map(ConfigProperty::name)
                        .toList());
        assertEquals(List.of("secret-key"),
                factory.configProperties().stream().filter(ConfigProperty::secret).map(ConfigProperty::name)
                        .toList());
    }

    @Test
    void createsAWorkingBackendAndClosesIt(@TempDir Path tempDir) throws Exception {
        try (S3ProxyServer server = S3ProxyServer.inMemory()) {
            String bucket = server.createBucket();
            Map<String, String> given = server.settings(bucket, Map.of("prefix", "store"));
            assertEquals(List.of(), factory.validate(given));

            try (StorageBackend backend = factory.create(Settings.of(factory.configProperties(), given),
                    new TestPluginContext(tempDir))) {
                backend.put("hello.txt", new ByteArrayInputStream("hi".getBytes(UTF_8)), 2);

                assertTrue(server.blobStore().blobExists(bucket, "store/hello.txt"),
                        "the object is not in the bucket under the prefix");
            }
        }
    }

    @Test
    void aMissingBucketIsAValidationError() {
        assertEquals(List.of("bucket"), fields(factory.validate(Map.of())));
    }

    @Test
    void eachFaultySettingIsNamed() {
        Map<String, String> given = new HashMap<>();
        given.put("endpoint", "ftp://storage.example.com");
        given.put("region", "EU West");
        given.put("bucket", "Not_A_Bucket");
        given.put("prefix", "/absolute/../prefix");
        given.put("access-key", "AKIAEXAMPLE");
        given.put("path-style", "sometimes");
        given.put("part-size-mib", "4");

        List<ConfigError> errors = factory.validate(given);

        assertEquals(List.of("path-style", "endpoint", "region", "bucket", "prefix", "secret-key", "part-size-mib"),
                fields(errors), errors.toString());
    }

    @Test
    void aSecretKeyWithoutAnAccessKeyIsRefused() {
        assertEquals(List.of("access-key"), fields(factory.validate(Map.of("bucket", "data", "secret-key", "s"))));
    }

    @Test
    void goodSettingsPass() {
        assertEquals(List.of(), factory.validate(Map.of("bucket", "lathe-data", "endpoint",
                "https://minio.internal:9000", "region", "eu-central-1", "prefix", "lathe/prod/",
                "path-style", "true", "part-size-mib", "64")));
        assertEquals(List.of(), factory.validate(Map.of("bucket", "lathe.data-2")));
    }

    @Test
    void theSettingsNeverShowTheSecretKey() {
        S3Settings settings = S3Settings.of(Settings.of(factory.configProperties(),
                Map.of("bucket", "b1b", "access-key", "AKIA1", "secret-key", "very-secret")));

        assertTrue(!settings.toString().contains("very-secret"), settings.toString());
    }

    @Test
    void theExtensionIndexNamesTheFactory() {
        ExtensionIndex.assertListed(S3StorageBackendFactory.class);
    }

    private static List<String> fields(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::field).toList();
    }
}
