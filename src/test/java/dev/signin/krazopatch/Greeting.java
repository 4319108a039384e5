package dev.signin.krazopatch;

/** A service with three providers, for ServiceLoadersPatchTest. */
public interface Greeting {
    String text();

    @jakarta.annotation.Priority(10)
    class Low implements Greeting {
        public String text() {
            return "low";
        }
    }

    @jakarta.annotation.Priority(100)
    class High implements Greeting {
        public String text() {
            return "high";
        }
    }

    class Unannotated implements Greeting {
        public String text() {
            return "none";
        }
    }
}
