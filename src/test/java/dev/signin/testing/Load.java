package dev.signin.testing;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.Comparator;

/**
 * How the ITs share the machine in JUnit's parallel mode (failsafe runs them in it, see pom.xml).
 * The classes that load it for minutes (the containers, Payara Server, the cluster) say
 * {@code @Execution(CONCURRENT)} and run beside the others, one at a time. They hold the lock
 * {@link #HEAVY_OR_TIMED}, and so do the tests whose assertions are about time or races (how long
 * an answer takes, Retry-After, what a burst of requests leaves), so that these never run while a
 * container or a cluster boots beside them. As the class order, the heavy classes come first and
 * the timed ones last: the others run beside the heavy ones, and the timed ones wait for nothing.
 */
public final class Load implements ClassOrderer {

    /** {@code @ResourceLock(Load.HEAVY_OR_TIMED)} */
    public static final String HEAVY_OR_TIMED = "dev.signin.heavy-or-timed";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(Load::group)
                .thenComparing(c -> c.getTestClass().getName()));
    }

    private static int group(ClassDescriptor test) {
        if (test.findAnnotation(Execution.class).map(e -> e.value() == ExecutionMode.CONCURRENT).orElse(false)) {
            return 0;
        }
        return test.isAnnotated(ResourceLock.class) ? 2 : 1;
    }
}
