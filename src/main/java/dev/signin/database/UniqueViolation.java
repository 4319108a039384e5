package dev.signin.database;

import java.sql.SQLException;

/** An insert lost to a unique index: SQLSTATE 23505, the same on H2 and PostgreSQL. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
