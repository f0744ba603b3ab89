/**
 * The {@code notifier-webhook} plugin: POSTs each event as JSON to a configured URL, signed with HMAC-SHA256 under a
 * shared secret when one is set.
 */
package io.lathe.plugins.notifier.webhook;
