package io.lathe.server.console;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.accounts.UserView;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.auth.Caller;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /admin/users}, for admins: the users as the API lists them; create users, disable and enable them, and
 * reset passwords, through the same {@link Accounts} as {@code /api/v1/admin/users}.
 */
@ApplicationScoped
public class UsersPage implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    Accounts accounts;

    @Get("/admin/users")
    @Access(Rule.ADMIN)
    public void list(ConsoleRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, null, null);
    }

    @Post("/admin/users")
    @Access(Rule.ADMIN)
    public void change(ConsoleRequest request) throws IOException {
        try {
            render(request, HttpServletResponse.SC_OK, null, apply(request, request.caller()));
        } catch (DomainException e) {
            render(request, DomainExceptionMapper.httpStatus(e), e.getMessage(), null);
        }
    }

    /** Does what the form asks and says what was done. */
    private String apply(ConsoleRequest request, Caller admin) {
        String action = String.valueOf(request.parameter("action"));
        String username = request.parameter("username");
        switch (action) {
            case "create" -> {
                accounts.createUser(admin, username, request.parameter("password"), request.parameter("role"));
                return "User '" + username + "' was created.";
            }
            case "disable", "enable" -> {
                accounts.updateUser(admin, username, action.equals("disable"), null, null);
                return "User '" + username + "' was " + action + "d.";
            }
            case "reset" -> {
                accounts.updateUser(admin, username, null, request.parameter("password"), null);
                return "The password of '" + username + "' was reset.";
            }
            default -> throw DomainException.invalid("unknown-action", "unknown action '" + action + "'", "action");
        }
    }

    private void render(ConsoleRequest request, int status, String error, String notice) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error);
        model.put("notice", notice);
        model.put("users", accounts.users().stream().map(UserView::of).toList());
        templates.render(request.http(), request.response(), status, "users", "Users", model);
    }
}
