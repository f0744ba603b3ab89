package io.lathe.server.console;

import io.lathe.server.auth.ConsoleSession;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /sign-out} (CSRF-checked by {@link ConsoleFilter}): ends the console session. */
@WebServlet("/sign-out")
public class SignOutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleSession.signOut(request);
        response.sendRedirect("/sign-in");
    }
}
