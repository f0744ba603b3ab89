/**
 * The administration of who may sign in: users, API tokens, project members, signing in with a password, and the
 * first admin made on the first start ({@code /api/v1/users}, {@code /tokens}, {@code /me}, {@code /auth/token},
 * projects' {@code /members}). Each change is recorded in the audit trail in the transaction that makes it.
 */
package io.lathe.server.accounts;
