package io.lathe.server.console;

import io.lathe.server.accounts.Accounts;
import io.lathe.server.accounts.TokenResource.TokenView;
import io.lathe.server.api.DomainExceptionMapper;
import io.lathe.server.auth.Access;
import io.lathe.server.auth.Access.Rule;
import io.lathe.server.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /tokens}: the signed-in user's API tokens as the API lists them; create one (its secret shown once) or
 * revoke one, through the same {@link Accounts} as {@code /api/v1/tokens}.
 */
@ApplicationScoped
public class TokensPage implements ConsolePage {

    @Inject
    ConsoleTemplates templates;
    @Inject
    Accounts accounts;

    @Get("/tokens")
    @Access(Rule.AUTHENTICATED)
    public void list(ConsoleRequest request) throws IOException {
        render(request, HttpServletResponse.SC_OK, Map.of());
    }

    @Post("/tokens")
    @Access(Rule.AUTHENTICATED)
    public void change(ConsoleRequest request) throws IOException {
        Map<String, Object> outcome = new HashMap<>();
        int status = HttpServletResponse.SC_OK;
        try {
            if ("revoke".equals(request.parameter("action"))) {
                accounts.revokeToken(request.caller(), request.parameter("id"));
                outcome.put("notice", "The token was revoked.");
            } else {
                String expires = request.parameter("expires");
                Accounts.NewToken token = accounts.createToken(request.caller(), request.parameter("name"),
                        expires == null || expires.isBlank() ? null : expires + "T00:00:00Z");
                outcome.put("newToken", token.token());
                outcome.put("notice", "Token '" + token.name() + "' was created. Copy it now: it is not shown again.");
            }
        } catch (DomainException e) {
            status = DomainExceptionMapper.httpStatus(e);
            outcome.put("error", e.getMessage());
        }
        render(request, status, outcome);
    }

    private void render(ConsoleRequest request, int status, Map<String, Object> outcome) throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("error", null);
        model.put("notice", null);
        model.put("newToken", null);
        model.putAll(outcome);
        model.put("tokens", accounts.tokens(request.caller()).stream().map(TokenView::of).toList());
        templates.render(request.http(), request.response(), status, "tokens", "API tokens", model);
    }
}
