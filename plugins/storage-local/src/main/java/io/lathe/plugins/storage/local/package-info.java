/**
 * The {@code storage-local} plugin: a data store of files under a root folder on the server's disk, the default
 * data store.
 */
package io.lathe.plugins.storage.local;
