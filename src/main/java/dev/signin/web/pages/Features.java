package dev.signin.web.pages;

import dev.signin.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** For the views ({@code ${features.mail}}): what this deployment offers, so that pages hide what is off. */
@Named
@ApplicationScoped
public class Features {

    @Inject
    Settings settings;

    /** Mail is configured (or dev mode writes it to files): "Forgot your password?" and e-mail addresses are offered. */
    public boolean isMail() {
        return settings.mail().enabled();
    }
}
