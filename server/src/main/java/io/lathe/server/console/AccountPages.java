package io.lathe.server.console;

import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.platform.DomainException;
import io.lathe.server.accounts.Accounts;
import io.lathe.server.auth.Caller;
import io.lathe.server.auth.ConsoleSession;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /tokens}: the signed-in user's API tokens (create, shown once; revoke). {@code /admin/users}: admins
 * create users, disable and enable them, and reset passwords. Both act through the same services as the API.
 */
@WebServlet(urlPatterns = {"/tokens", "/admin/users"})
public class AccountPages extends HttpServlet {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    ConsoleTemplates templates;
    @Inject
    Accounts accounts;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        if (isUsersPage(request) && !caller.isAdmin()) {
            forbidden(request, response);
            return;
        }
        show(request, response, caller, HttpServletResponse.SC_OK, Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = ConsoleSession.caller(request).orElseThrow();
        Map<String, Object> outcome = new HashMap<>();
        int status = HttpServletResponse.SC_OK;
        try {
            if (isUsersPage(request)) {
                if (!caller.isAdmin()) {
                    forbidden(request, response);
                    return;
                }
                changeUsers(request, caller, outcome);
            } else {
                changeTokens(request, caller, outcome);
            }
        } catch (DomainException e) {
            status = DomainExceptionMapper.httpStatus(e);
            outcome.put("error", e.getMessage());
        }
        show(request, response, caller, status, outcome);
    }

    private void changeTokens(HttpServletRequest request, Caller caller, Map<String, Object> outcome) {
        if ("revoke".equals(request.getParameter("action"))) {
            accounts.revokeToken(caller, request.getParameter("id"));
            outcome.put("notice", "The token was revoked.");
            return;
        }
        String expires = request.getParameter("expires");
        Accounts.NewToken token = accounts.createToken(caller, request.getParameter("name"),
                expires == null || expires.isBlank() ? null : expires + "T00:00:00Z");
        outcome.put("newToken", token.token());
        outcome.put("notice", "Token '" + token.name() + "' was created. Copy it now: it is not shown again.");
    }

    private void changeUsers(HttpServletRequest request, Caller admin, Map<String, Object> outcome) {
        String action = String.valueOf(request.getParameter("action"));
        String username = request.getParameter("username");
        switch (action) {
            case "create" -> {
                accounts.createUser(admin, username, request.getParameter("password"), request.getParameter("role"));
                outcome.put("notice", "User '" + username + "' was created.");
            }
            case "disable", "enable" -> {
                accounts.updateUser(admin, username, action.equals("disable"), null, null);
                outcome.put("notice", "User '" + username + "' was " + action + "d.");
            }
            case "reset" -> {
                accounts.updateUser(admin, username, null, request.getParameter("password"), null);
                outcome.put("notice", "The password of '" + username + "' was reset.");
            }
            default -> throw DomainException.invalid("unknown-action", "unknown action '" + action + "'", "action");
        }
    }

    private void show(HttpServletRequest request, HttpServletResponse response, Caller caller, int status,
            Map<String, Object> outcome) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("error", null);
        model.put("notice", null);
        model.put("newToken", null);
        model.putAll(outcome);
        if (isUsersPage(request)) {
            model.put("users", accounts.users().stream().map(u -> Map.of("username", u.username(),
                    "role", u.role().name().toLowerCase(), "disabled", u.disabled(),
                    "created", TIME.format(Instant.ofEpochMilli(u.createdAt())))).toList());
            templates.render(request, response, status, "users", "Users", model);
        } else {
            model.put("tokens", accounts.tokens(caller).stream().map(t -> Map.of("id", t.id(), "name", t.name(),
                    "created", TIME.format(Instant.ofEpochMilli(t.createdAt())),
                    "expires", t.expiresAt() == null ? "never" : TIME.format(Instant.ofEpochMilli(t.expiresAt()))))
                    .toList());
            templates.render(request, response, status, "tokens", "API tokens", model);
        }
    }

    private void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorPages.render(templates, request, response, new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "this page is for admins", null));
    }

    private static boolean isUsersPage(HttpServletRequest request) {
        return request.getServletPath().equals("/admin/users");
    }
}
