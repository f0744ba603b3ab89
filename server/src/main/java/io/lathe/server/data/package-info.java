/**
 * Datums, the files executions output and users upload: storing them in data stores while hashing them, search,
 * tags, aliases with their history, lineage, ranged and presigned downloads, and purge.
 */
package io.lathe.server.data;
