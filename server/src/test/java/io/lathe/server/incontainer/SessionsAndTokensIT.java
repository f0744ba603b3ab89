package io.lathe.server.incontainer;

import static io.lathe.server.incontainer.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import io.lathe.server.auth.TokenAuthenticator;
import io.lathe.server.auth.User;
import io.lathe.server.platform.DomainException.Kind;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who a session or a token stands for is read from the database on every request: an admin's change to a user counts
 * at once, and a token's life is bounded by {@code LATHE_MAX_TOKEN_DAYS} and by the token that made it.
 */
class SessionsAndTokensIT extends InContainerTest {

    private static final String PASSWORD = "a-password-of-some-length";

    @Inject
    Accounts accounts;
    @Inject
    TokenAuthenticator authenticator;
    @Inject
    Fixtures fixtures;
    @Inject
    EntityManager entityManager;
    @Inject
    Transactions transactions;

    private Caller admin;
    private Caller user;

    @BeforeEach
    void users() {
        admin = fixtures.admin();
        user = fixtures.newUser();
    }

    private ConsoleSession.SignedIn session(Caller caller) {
        return new ConsoleSession.SignedIn(caller.userId(), accounts.require(caller.username()).sessionsVersion());
    }

    private String token(Caller caller) {
        return accounts.createToken(caller, "t", null).token();
    }

    @Test
    void aSessionCarriesTheUserIdOnlyAndSeesARoleChangeAtOnce() {
        ConsoleSession.SignedIn session = session(user);
        assertEquals(User.Role.USER, authenticator.sessionCaller(session).orElseThrow().role());

        accounts.updateUser(admin, user.username(), null, null, "admin");
        assertEquals(Optional.empty(), authenticator.sessionCaller(session), "a new role ends the session");
        ConsoleSession.SignedIn again = session(user);
        assertEquals(User.Role.ADMIN, authenticator.sessionCaller(again).orElseThrow().role());
        accounts.updateUser(admin, user.username(), null, null, "user");
        assertEquals(Optional.empty(), authenticator.sessionCaller(again), "demoted: the admin session is over");
    }

    @Test
    void disablingEndsSessionsAndRevokesTokensForGoodEvenAfterReenabling() {
        ConsoleSession.SignedIn session = session(user);
        String secret = token(user);
        assertTrue(authenticator.authenticate(secret).caller().isPresent());

        accounts.updateUser(admin, user.username(), true, null, null);
        assertEquals(Optional.empty(), authenticator.sessionCaller(session));
        assertEquals(Optional.empty(), authenticator.authenticate(secret).caller());
        assertEquals(0, accounts.tokens(user).size(), "the tokens are gone from the list, not only refused");
        assertEquals(TokenAuthenticator.Refusal.REVOKED, authenticator.authenticate(secret).refusal(),
                "its bearer is told it was revoked");

        accounts.updateUser(admin, user.username(), false, null, null);
        assertEquals(Optional.empty(), authenticator.sessionCaller(session), "re-enabling revives nothing");
        assertEquals(Optional.empty(), authenticator.authenticate(secret).caller());
    }

    @Test
    void aPasswordResetEndsSessionsAndRevokesTokensButAnUnrelatedChangeDoesNot() {
        ConsoleSession.SignedIn session = session(user);
        String secret = token(user);
        accounts.updateUser(admin, user.username(), false, null, "user");
        assertTrue(authenticator.sessionCaller(session).isPresent(), "nothing changed: the session goes on");
        assertTrue(authenticator.authenticate(secret).caller().isPresent());

        accounts.updateUser(admin, user.username(), null, "another-password-entirely", null);
        assertEquals(Optional.empty(), authenticator.sessionCaller(session));
        assertEquals(Optional.empty(), authenticator.authenticate(secret).caller());
    }

    @Test
    void tokensLiveAtMostTheMaximumAndNeverLongerThanTheTokenThatMadeThem() {
        Instant before = Instant.now();
        Accounts.NewToken plain = accounts.createToken(user, "default", null);
        Duration lived = Duration.between(before, plain.expiresAt());
        assertTrue(lived.compareTo(Duration.ofDays(90).minusMinutes(1)) > 0 && lived.compareTo(Duration.ofDays(90)
                .plusMinutes(1)) < 0, "a token without an expiry gets the longest allowed: " + plain.expiresAt());
        assertRefused(Kind.INVALID, "invalid-expiry", "expires",
                () -> accounts.createToken(user, "long", Instant.now().plus(Duration.ofDays(91)).toString()));

        String shortExpiry = Instant.ofEpochMilli(System.currentTimeMillis()).plus(Duration.ofDays(2)).toString();
        Caller shortLived = authenticator.authenticate(accounts.createToken(user, "short", shortExpiry).token())
                .caller().orElseThrow();
        assertEquals(Instant.parse(shortExpiry).toEpochMilli(), shortLived.credentialExpiresAt());
        assertRefused(Kind.INVALID, "invalid-expiry", "expires",
                () -> accounts.createToken(shortLived, "longer", Instant.now().plus(Duration.ofDays(3)).toString()));
        assertEquals(Instant.parse(shortExpiry), accounts.createToken(shortLived, "child", null).expiresAt(),
                "a token asked without an expiry of a short-lived token ends with it");
    }

    @Test
    void expiriesBeyondWhatEpochMillisecondsHoldAreRefusedNamingTheField() {
        for (String far : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            assertRefused(Kind.INVALID, "invalid-expiry", "expires", () -> accounts.createToken(user, "far", far));
            assertRefused(Kind.INVALID, "invalid-expiry", "expires",
                    () -> accounts.signIn(user.username(), "not the password", "far", far, "192.0.2.2"));
        }
    }

    @Test
    void aPasswordHashOfAnOlderReleaseIsMadeAgainAtTheNextSignIn() throws Exception {
        byte[] salt = new byte[16];
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 210_000, 256)).getEncoded();
        String older = "pbkdf2-sha256$210000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
        transactions.committed(() -> entityManager.createNativeQuery("UPDATE lathe_user SET password_hash = ?1"
                + " WHERE id = ?2").setParameter(1, older).setParameter(2, user.userId()).executeUpdate());

        accounts.signIn(user.username(), PASSWORD, "cli", null, "192.0.2.4");
        String stored = (String) entityManager.createNativeQuery("SELECT password_hash FROM lathe_user WHERE id = ?1")
                .setParameter(1, user.userId()).getSingleResult();
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        accounts.signIn(user.username(), PASSWORD, "cli", null, "192.0.2.4");
    }

    @Test
    void signingInWithAPasswordGivesAToken() {
        Accounts.NewToken token = accounts.signIn(user.username(), PASSWORD, "cli", null, "192.0.2.3");
        assertEquals(user.userId(), authenticator.authenticate(token.token()).caller().orElseThrow().userId());
    }
}
