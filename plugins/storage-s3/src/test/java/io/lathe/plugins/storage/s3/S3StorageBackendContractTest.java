package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract against a real S3 server: each test gets a new bucket, reached under a key prefix. */
class S3StorageBackendContractTest extends StorageBackendContract {

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected StorageBackend createBackend(Path tempDir) {
        S3StorageBackendFactory factory = new S3StorageBackendFactory();
        // A small part size, so the large-object test goes through a multipart upload of several parts.
        Map<String, String> given = server.settings(server.createBucket(),
                Map.of(S3Settings.PREFIX, "lathe/contract", S3Settings.PART_SIZE_MIB, "5"));
        return factory.create(Settings.of(factory.configProperties(), given), new TestPluginContext(tempDir));
    }
}
