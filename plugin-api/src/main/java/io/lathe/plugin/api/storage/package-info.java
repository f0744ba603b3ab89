/**
 * The data-store extension point: backends that store objects by key, streamed both ways, for datums and code
 * packages.
 */
package io.lathe.plugin.api.storage;
