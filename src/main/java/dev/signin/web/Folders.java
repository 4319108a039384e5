package dev.signin.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The folders of the WAR, asked for without a trailing slash, are not pages: 404. Without these
 * mappings the container answers them before any filter runs, with a 301 to an absolute URL
 * built from the Host header and none of our headers.
 */
@WebServlet({"/assets", "/WEB-INF", "/META-INF"})
public class Folders extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
