package dev.signin.web.errors;

import jakarta.persistence.PersistenceException;

import java.sql.SQLException;

/**
 * The database cannot be reached (or failed a query): pages answer 503 with an explanation
 * instead of a 500, and the app recovers by itself when the database is back (the pool
 * validates connections and drops broken ones).
 */
public final class DatabaseOutage {

    /** Request attribute: the failure the authentication mechanism met, if any. */
    public static final String ATTRIBUTE = "signin.databaseOutage";
    /** Request attribute the error page reads to explain a 503. */
    public static final String REASON = "signin.errorReason";

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException
                    || t.getClass().getName().startsWith("org.eclipse.persistence.exceptions.")) {
                return true;
            }
        }
        return false;
    }
}
