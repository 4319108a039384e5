package dev.signin.database;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSetupTest {

    @Test
    void aStartWithNothingToMigrateStillKnowsTheSchemaVersion() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:schema-version-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("signin");
        h2.setPassword("signin");

        DatabaseSetup.Migrated first = DatabaseSetup.migrate(h2);
        assertNotNull(first.version(), "the first start names the version it migrated to");
        assertTrue(first.applied() > 0, "the first start applies the migrations");

        DatabaseSetup.Migrated next = DatabaseSetup.migrate(h2);
        assertEquals(0, next.applied(), "nothing left to apply");
        assertEquals(first.version(), next.version(), "a later start reports the current version, not null");
    }
}
