/**
 * What every feature stands on: settings (and the version the build gave), the data source and its migrations, ids,
 * the {@code DomainException} every refusal is thrown as, limits, secrets at rest, scratch files, JSON reading and the
 * browser-hardening headers. It imports no feature.
 */
package io.lathe.server.platform;
