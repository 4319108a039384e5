package dev.signin.web.pages;

import dev.signin.config.Settings;
import dev.signin.web.session.ServletClient;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;

/** For the layout: {@code ${notices.flash}} takes the pending notice when a page is rendered. */
@Named
@RequestScoped
public class Notices {

    @Inject
    HttpServletRequest request;

    @Inject
    Settings settings;

    private String flash;
    private boolean taken;

    public String getFlash() {
        if (!taken) {
            flash = Flash.take(request, ServletClient.responseOf(request), settings);
            taken = true;
        }
        return flash;
    }
}
