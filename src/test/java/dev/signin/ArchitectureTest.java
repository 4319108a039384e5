package dev.signin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout docs/architecture.md describes, kept by the build: a change that breaks it fails here. */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.signin");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("dev.signin.(*)..").should().beFreeOfCycles().check(APP);
    }

    /** The concerns under dev.signin.auth, each a package the boundary (dev.signin.auth) uses. */
    static final List<String> AUTH_CONCERNS = List.of("throttle", "session", "twostep", "passkeys");

    @Test
    void theAuthPackagesFormNoCycle() {
        slices().matching("dev.signin.auth.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void eachAuthConcernUsesNothingElseOfAuthNeitherTheBoundaryNorAnotherConcern() {
        for (String concern : AUTH_CONCERNS) {
            String own = "dev.signin.auth." + concern + "..";
            noClasses().that().resideInAPackage(own)
                    .should().dependOnClassesThat(resideInAPackage("dev.signin.auth..").and(resideOutsideOfPackage(own)))
                    .check(APP);
        }
    }

    /**
     * The parts of the web edge (dev.signin.web.*), each allowed to use only those after it:
     * the guards a resource wears, the errors, the pages, the headers of every answer, the checks of
     * every request, and the browser's session at the bottom.
     */
    static final List<String> WEB_LAYERS = List.of("access", "errors", "pages", "headers", "requests", "session");

    @Test
    void theWebPackagesFormNoCycle() {
        slices().matching("dev.signin.web.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void eachWebPackageUsesOnlyTheOnesBelowIt() {
        for (int i = 0; i < WEB_LAYERS.size(); i++) {
            String own = "dev.signin.web." + WEB_LAYERS.get(i) + "..";
            String[] above = WEB_LAYERS.subList(0, i).stream().map(layer -> "dev.signin.web." + layer + "..").toArray(String[]::new);
            if (above.length > 0) {
                noClasses().that().resideInAPackage(own)
                        .should().dependOnClassesThat().resideInAnyPackage(above)
                        .check(APP);
            }
        }
    }

    @Test
    void theWebEdgeIsOnlyItsParts() {
        assertTrue(APP.stream().noneMatch(c -> c.getPackageName().equals("dev.signin.web")),
                "every class of the web edge is in one of " + WEB_LAYERS);
        APP.stream().filter(c -> c.getPackageName().startsWith("dev.signin.web.")).forEach(c ->
                assertTrue(WEB_LAYERS.contains(c.getPackageName().substring("dev.signin.web.".length()).split("\\.")[0]),
                        c.getName() + " is in no part of the web edge that WEB_LAYERS orders"));
    }

    @Test
    void configurationDependsOnNothingOfTheApp() {
        classes().that().resideInAPackage("dev.signin.config..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("dev.signin..").or(resideInAPackage("dev.signin.config..")))
                .check(APP);
    }

    @Test
    void servletTypesStayAtTheWebEdge() {
        noClasses().that().resideOutsideOfPackage("dev.signin.web..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(APP);
    }

    @Test
    void theAuditLogAndTheMetricsAreOnlyObservers() {
        noClasses().that().resideOutsideOfPackages("dev.signin", "dev.signin.audit..", "dev.signin.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.signin.audit..", "dev.signin.metrics..")
                .check(APP);
    }

    @Test
    void controllersAreThin() {
        APP.stream().filter(c -> c.isAnnotatedWith(Controller.class)).forEach(c -> {
            Field[] fields = c.reflect().getDeclaredFields();
            long collaborators = Arrays.stream(fields)
                    .filter(f -> f.isAnnotationPresent(Inject.class) || f.isAnnotationPresent(Context.class)).count();
            assertTrue(collaborators <= 4, c.getName() + " has " + collaborators + " injected collaborators");
        });
    }

    /** An arrow of the Mermaid flowchart: {@code account --> web}, a node optionally with its label. */
    static final Pattern ARROW = Pattern.compile("^\\s*(\\w+)(?:\\[[^\\]]*])?\\s*-->\\s*(\\w+)(?:\\[[^\\]]*])?\\s*$", Pattern.MULTILINE);

    /** The diagram's node of a package: its name under dev.signin with '_' for '.', the longest one drawn; "app" for dev.signin. */
    static String node(String pkg, Set<String> nodes) {
        String name = pkg.equals("dev.signin") ? "app" : pkg.substring("dev.signin.".length()).replace('.', '_');
        for (String candidate = name; ; candidate = candidate.substring(0, candidate.lastIndexOf('_'))) {
            if (nodes.contains(candidate)) {
                return candidate;
            }
            if (!candidate.contains("_")) {
                throw new AssertionError("docs/architecture.md draws no node for " + pkg);
            }
        }
    }

    @Test
    void theDiagramInArchitectureMdIsExactlyTheDependenciesBetweenPackages() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        int start = doc.indexOf("```mermaid");
        String diagram = doc.substring(start, doc.indexOf("```", start + 3));
        Set<String> drawn = new TreeSet<>();
        Set<String> nodes = new TreeSet<>();
        Matcher m = ARROW.matcher(diagram);
        while (m.find()) {
            drawn.add(m.group(1) + " --> " + m.group(2));
            nodes.add(m.group(1));
            nodes.add(m.group(2));
        }
        Set<String> actual = new TreeSet<>();
        APP.forEach(c -> c.getDirectDependenciesFromSelf().forEach(d -> {
            String target = d.getTargetClass().getBaseComponentType().getPackageName();
            if (target.equals("dev.signin") || target.startsWith("dev.signin.")) {
                String from = node(c.getPackageName(), nodes);
                String to = node(target, nodes);
                if (!from.equals(to)) {
                    actual.add(from + " --> " + to);
                }
            }
        }));
        assertEquals(String.join("\n", actual), String.join("\n", drawn), "the arrows of docs/architecture.md");
    }
}
