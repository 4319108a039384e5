package dev.signin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.inject.Inject;
import jakarta.mvc.Controller;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.Arrays;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layout the README describes, kept by the build: a change that breaks it fails here. */
class ArchitectureTest {

    static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.signin");

    @Test
    void thePackagesFormNoCycle() {
        slices().matching("dev.signin.(*)..").should().beFreeOfCycles().check(APP);
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
}
