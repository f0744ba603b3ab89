package io.lathe.plugins.storage.local;

import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendContract;
import io.lathe.plugin.api.testkit.TestPluginContext;
import java.nio.file.Path;
import java.util.Map;

class LocalStorageBackendContractTest extends StorageBackendContract {

    @Override
    protected StorageBackend createBackend(Path tempDir) {
        LocalStorageBackendFactory factory = new LocalStorageBackendFactory();
        Settings settings = Settings.of(factory.configProperties(), Map.of("root", tempDir.resolve("root").toString()));
        return factory.create(settings, new TestPluginContext(tempDir.resolve("work")));
    }
}
