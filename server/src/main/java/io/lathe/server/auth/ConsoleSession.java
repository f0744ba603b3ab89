package io.lathe.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's sign-in state, kept in the servlet session: who is signed in, and the session's CSRF token that
 * every form and state-changing request must carry. The session id changes at sign-in (no fixation).
 */
public final class ConsoleSession {

    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CALLER = "lathe.caller";
    private static final String CSRF = "lathe.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ConsoleSession() {
    }

    public static Optional<Caller> caller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : Optional.ofNullable((Caller) session.getAttribute(CALLER));
    }

    public static void signIn(HttpServletRequest request, Caller caller) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(CALLER, caller);
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

    /** The form field or header a state-changing request carries its CSRF token in. */
    public static String csrfOf(HttpServletRequest request) {
        String header = request.getHeader(CSRF_HEADER);
        return header != null ? header : request.getParameter(CSRF_FIELD);
    }
}
