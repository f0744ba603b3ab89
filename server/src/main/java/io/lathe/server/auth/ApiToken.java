package io.lathe.server.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A personal API token. Only the SHA-256 of the secret is kept: the secret itself is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    private String id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "expires_at")
    private Long expiresAt;

    @Column(name = "expires_unless_used", nullable = false)
    private boolean expiresUnlessUsed;

    /** Kept after revocation so that a caller still using the token is told it was revoked, not that it is unknown. */
    @Column(name = "revoked_at")
    private Long revokedAt;

    protected ApiToken() {
    }

    public ApiToken(String id, User user, String name, String tokenHash, long createdAt, Long expiresAt) {
        this.id = id;
        this.user = user;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public User user() {
        return user;
    }

    public String name() {
        return name;
    }

    public long createdAt() {
        return createdAt;
    }

    public Long expiresAt() {
        return expiresAt;
    }

    /**
     * A token that expires at {@code expiresAt} unless it is used before: its first use lifts the expiry. The first
     * admin's token is one, so that a token file nobody picked up stops working.
     */
    public static ApiToken expiringUnlessUsed(String id, User user, String name, String tokenHash, long createdAt,
            long expiresAt) {
        ApiToken token = new ApiToken(id, user, name, tokenHash, createdAt, expiresAt);
        token.expiresUnlessUsed = true;
        return token;
    }

    /** Records a use: a token that expired unless used no longer expires. */
    public void used() {
        if (expiresUnlessUsed) {
            expiresUnlessUsed = false;
            expiresAt = null;
        }
    }

    public boolean expiresUnlessUsed() {
        return expiresUnlessUsed;
    }

    public boolean isExpiredAt(long millis) {
        return expiresAt != null && expiresAt <= millis;
    }

    public void revoke(long millis) {
        if (revokedAt == null) {
            revokedAt = millis;
        }
    }

    public Long revokedAt() {
        return revokedAt;
    }
}
