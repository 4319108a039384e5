package dev.signin.account;

import dev.signin.auth.Outcome;
import dev.signin.web.pages.Views;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Models;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** The account settings page: one view with three forms (profile, password, delete), errors shown at the form they belong to. */
@RequestScoped
public class SettingsPage {

    static final String VIEW = "account/account.jsp";
    static final String WRONG_CURRENT = "Your current password is not correct.";

    @Inject
    Models models;

    @Inject
    AccountChanges changes;

    /** The page as stored. */
    public Response show() {
        fill(stored(), null, Map.of());
        return Response.ok(VIEW).build();
    }

    /** 422: the page again, with the values the user sent and what is wrong with them. */
    public Response rejected(ProfileForm profile, String section, Map<String, String> errors) {
        fill(profile, section, errors);
        return Views.rejected(VIEW);
    }

    public Response rejected(String section, Map<String, String> errors) {
        return rejected(stored(), section, errors);
    }

    /** A change that needed the current password and did not happen: wrong password (422) or held back (429). */
    public Response refused(Outcome outcome, String section) {
        if (outcome instanceof Outcome.HeldBack held) {
            fill(stored(), section, Map.of("current", Views.heldBackMessage(held.seconds())));
            return Views.heldBack(VIEW, held.seconds());
        }
        return rejected(section, Map.of("current", WRONG_CURRENT));
    }

    private ProfileForm stored() {
        return new ProfileForm(changes.user().getDisplayName(), changes.user().getAbout());
    }

    private void fill(ProfileForm profile, String section, Map<String, String> errors) {
        models.put("user", changes.user());
        models.put("profile", profile);
        models.put("section", section);
        models.put("errors", errors);
        models.put("maxAbout", ProfileForm.MAX_ABOUT);
    }
}
