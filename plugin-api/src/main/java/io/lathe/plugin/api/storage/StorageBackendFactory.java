package io.lathe.plugin.api.storage;

import io.lathe.plugin.api.ConfiguredInstanceFactory;

/**
 * Extension point for where the bytes of files live: packages of code, execution outputs, uploads. A configured
 * instance is a <em>data store</em>. See {@link StorageBackend} for the contract of an instance.
 */
public interface StorageBackendFactory extends ConfiguredInstanceFactory<StorageBackend> {
}
