package dev.signin.database;

/** A CDI event at start-up: the schema is up to date, the app may use the database. */
public record DatabaseReady() {
}
