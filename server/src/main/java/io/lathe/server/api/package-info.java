/**
 * The REST API's own layer, {@code /api/v1}: the JAX-RS application, the one JSON error shape, the mapping of each
 * {@link io.lathe.server.platform.DomainException} kind to its HTTP status (in {@code DomainExceptionMapper} only),
 * and the guards on request bodies and number parameters. Only REST resources, JAX-RS providers and the console use
 * it; services speak in domain exceptions.
 */
package io.lathe.server.api;
