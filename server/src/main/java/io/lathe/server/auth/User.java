package io.lathe.server.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person (or robot) who signs in and owns things. */
@Entity
@Table(name = "lathe_user")
public class User {

    /** What a user may do across the server. */
    public enum Role { ADMIN, USER }

    @Id
    private String id;

    @Column(nullable = false)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(nullable = false)
    private boolean disabled;

    /** Raised whenever the account is disabled, its role changes or its password is reset: ends console sessions. */
    @Column(name = "sessions_version", nullable = false)
    private int sessionsVersion;

    protected User() {
    }

    public User(String id, String username, Role role, long createdAt) {
        this.id = id;
        this.username = username;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    public long createdAt() {
        return createdAt;
    }

    public boolean disabled() {
        return disabled;
    }

    /** The version a console session must have been started at to stay signed in. */
    public int sessionsVersion() {
        return sessionsVersion;
    }

    /**
     * Whether {@code password} is this user's. A match against a hash made with less work than new hashes get
     * replaces the hash (the password is known only now), so old hashes are upgraded at the next sign-in.
     */
    public boolean checkPassword(String password) {
        boolean matches = PasswordHasher.matches(password, passwordHash);
        if (matches && PasswordHasher.needsUpgrade(passwordHash)) {
            passwordHash = PasswordHasher.hash(password);
        }
        return matches;
    }

    // The changes below are made by accounts.Accounts, which records each in the audit trail; access control only
    // reads users.
    public void setPassword(String password) {
        this.passwordHash = PasswordHasher.hash(password);
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    /** Ends every console session of this user (each is checked against the version on its next request). */
    public void endSessions() {
        sessionsVersion++;
    }
}
