/**
 * The composition root: {@code ServerStartup} brings the server up in order (schema, plugins, default instances, first
 * admin, execution scheduler, task engine), prints the banner, and stops what runs on shutdown. The one package that
 * starts features, so that no other (least of all {@code platform}) needs to know them all.
 */
package io.lathe.server.startup;
