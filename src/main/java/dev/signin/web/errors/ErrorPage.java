package dev.signin.web.errors;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Where web.xml sends every error. A JSP only answers GET, POST and HEAD, so the error page for
 * a DELETE or PUT would be empty: this servlet renders the error view as a GET, whatever the
 * method was. It lives under /WEB-INF/, so it is reached only by the container's error dispatch.
 */
@WebServlet("/WEB-INF/error")
public class ErrorPage extends HttpServlet {

    static final String VIEW = "/WEB-INF/views/error/error.jsp";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        HttpServletRequest asGet = new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        };
        request.getRequestDispatcher(VIEW).forward(asGet, response);
    }
}
