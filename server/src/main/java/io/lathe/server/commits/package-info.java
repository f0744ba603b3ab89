/**
 * Code packages ("commits"): a project's code as {@code vh exec run --adhoc} uploads it, every entry checked, its
 * {@code valohai.yaml} validated, stored once per content in the project's data store.
 */
package io.lathe.server.commits;
