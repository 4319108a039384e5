package dev.signin.profile;

import dev.signin.auth.CurrentUser;
import dev.signin.users.User;
import dev.signin.web.access.SignedIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.mvc.Models;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** GET / : the signed-in user's profile. */
// Controllers must be CDI beans for Krazo (the views, validation and CSRF hook in through CDI).
@RequestScoped
@Controller
@Path("/")
@SignedIn
public class ProfileController {

    private static final DateTimeFormatter MEMBER_SINCE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH);

    @Inject
    Models models;

    @Inject
    CurrentUser currentUser;

    @GET
    public String profile() {
        User user = currentUser.getUser();
        models.put("user", user);
        models.put("memberSince", MEMBER_SINCE.format(user.getCreatedAt()));
        models.put("memberSinceIso", user.getCreatedAt().toLocalDate().toString());
        return "profile/profile.jsp";
    }
}
