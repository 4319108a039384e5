package dev.signin.bench.ladder;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The Jakarta REST application of the ladder, run as signin runs its own: as a filter on
 * {@code /*} (web.xml), its classes listed, static files falling through to the default servlet.
 */
public class Ladder extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(TextResource.class, PageController.class, SessionPageController.class,
                SessionStartResource.class);
    }
}
