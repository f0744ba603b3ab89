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

    public boolean passwordMatches(String password) {
        return PasswordHasher.matches(password, passwordHash);
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
}
