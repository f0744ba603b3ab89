/**
 * The audit trail: {@code AuditLog} records who changed what, in the transaction of the change (so there is never a
 * change without its entry), and {@code GET /api/v1/admin/audit} lists it to admins.
 */
package io.lathe.server.audit;
