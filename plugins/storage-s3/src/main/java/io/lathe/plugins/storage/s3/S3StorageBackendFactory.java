package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageBackendFactory;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Makes data stores in a bucket of Amazon S3 or of any server that speaks its API (MinIO, Ceph, s3proxy, cloud
 * providers' S3-compatible stores). {@link #create} checks the bucket and the keys at once, so a mistake in the
 * settings shows when the data store is saved rather than at its first upload.
 */
@Extension
public final class S3StorageBackendFactory implements StorageBackendFactory {

    @Override
    public String id() {
        return "s3";
    }

    @Override
    public String displayName() {
        return "S3 bucket";
    }

    @Override
    public String description() {
        return "Keeps objects in a bucket of Amazon S3 or an S3-compatible server such as MinIO or Ceph.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return S3Settings.PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        return S3Settings.validate(settings);
    }

    /**
     * @throws io.lathe.plugin.api.PluginException {@code bucket-not-found}, {@code access-key-refused},
     *     {@code secret-key-refused} or {@code access-denied} when the settings do not work;
     *     {@link io.lathe.plugin.api.RetriablePluginException} {@code endpoint-unreachable} when the server
     *     cannot be reached
     */
    @Override
    public StorageBackend create(Settings settings, PluginContext context) {
        S3Settings s3 = S3Settings.of(settings);
        S3Clients clients = S3Clients.build(s3);
        S3StorageBackend backend = new S3StorageBackend(s3, clients, context.clock());
        try {
            backend.checkAccess();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        context.logger().log(System.Logger.Level.DEBUG, "storing objects in {0}", s3);
        return backend;
    }
}
