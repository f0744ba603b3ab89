/**
 * The entry point of {@code lathe.jar}: maps the {@code LATHE_*} settings onto system properties and Payara Micro's
 * flags, then starts Payara Micro. It runs before any container and is copied into the jar on its own, so it uses the
 * JDK only.
 */
package io.lathe.launcher;
