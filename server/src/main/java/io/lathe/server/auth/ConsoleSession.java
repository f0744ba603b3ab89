package io.lathe.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in state, kept in the servlet session: the id of who is signed in and the version of their
 * sessions at sign-in (never their role: {@link TokenAuthenticator#sessionCaller} reads the user on every request),
 * and the session's CSRF token that every form and state-changing request must carry, in a form field or a header,
 * never the query string (which lands in logs, history and {@code Referer}). The session id changes at sign-in (no
 * fixation).
 */
public final class ConsoleSession {

    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SIGNED_IN = "lathe.signed-in";
    private static final String CSRF = "lathe.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    /** Who signed in to a session: a user id and the user's sessions version then. */
    public record SignedIn(String userId, int sessionsVersion) implements java.io.Serializable {
    }

    public static Optional<SignedIn> signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((SignedIn) session.getAttribute(SIGNED_IN));
    }

    public static void signIn(HttpServletRequest request, User user) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SIGNED_IN, new SignedIn(user.id(), user.sessionsVersion()));
    }

    /**
     * Forgets who signed in to this session when their account changed since (the session stays, with its CSRF
     * token, so the sign-in form it shows next still posts).
     */
    public static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SIGNED_IN);
        }
    }

    public static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /** The session's CSRF token, made (with the session) on first use. */
    public static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String token = (String) session.getAttribute(CSRF);
        if (token == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(CSRF, token);
        }
        return token;
    }

    /** Whether {@code given} is this session's CSRF token (compared in constant time). */
    public static boolean csrfMatches(HttpServletRequest request, String given) {
        HttpSession session = request.getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The CSRF token a state-changing request carries: its header, or else the form field of its body. A token in the
     * query string is not taken (the servlet API mixes query and form parameters, so a query that names the field
     * at all is refused).
     */
    public static String csrfOf(HttpServletRequest request) {
        String header = request.getHeader(CSRF_HEADER);
        if (header != null) {
            return header;
        }
        if (namesCsrf(request.getQueryString())) {
            return null;
        }
        return request.getParameter(CSRF_FIELD);
    }

    static boolean namesCsrf(String query) {
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            try {
                if (java.net.URLDecoder.decode(name, StandardCharsets.UTF_8).equals(CSRF_FIELD)) {
                    return true;
                }
            } catch (IllegalArgumentException malformed) {
                return true;
            }
        }
        return false;
    }
}
