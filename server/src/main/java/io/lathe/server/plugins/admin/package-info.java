/**
 * The administrator's plugin life cycle: install from an upload or an update site, upgrade, enable, disable and
 * uninstall, with the checks a jar passes first; and the update sites themselves.
 */
package io.lathe.server.plugins.admin;
