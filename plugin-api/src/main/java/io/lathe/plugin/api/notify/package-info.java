/**
 * The notifier extension point: notification channels the server delivers events to, on threads of its own and never
 * on an execution's path.
 */
package io.lathe.plugin.api.notify;
