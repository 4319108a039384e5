package dev.signin.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged WAR carries every JSP and tag file already compiled (pom.xml, precompile-jsp), and
 * tells Payara to use those classes. Either half alone is a regression: without the classes every
 * page answers 500, without the setting Payara compiles each page again at its first request
 * after every start (2.6 s for /sign-in). Reads target/signin.war, so it runs with the other *IT.
 */
class PrecompiledViewsIT {

    @Test
    void everyViewInTheWarHasItsCompiledClassAndPayaraIsToldToUseThem() throws IOException {
        try (JarFile war = new JarFile(Path.of(System.getProperty("signin.war")).toFile())) {
            Set<String> entries = new TreeSet<>();
            war.stream().map(JarEntry::getName).forEach(entries::add);
            List<String> views = entries.stream()
                    .filter(name -> name.endsWith(".jsp") || name.endsWith(".tag"))
                    .toList();
            assertFalse(views.isEmpty(), "no JSP or tag file in the WAR");

            List<String> missing = new ArrayList<>();
            for (String view : views) {
                String compiled = "WEB-INF/classes/" + compiledClass(view);
                if (!entries.contains(compiled)) {
                    missing.add(view + " (expected " + compiled + ")");
                }
            }
            assertEquals(List.of(), missing, "views without their compiled class in the WAR");
            assertTrue(entries.stream().noneMatch(name -> name.startsWith("WEB-INF/classes/org/apache/jsp/")
                    && name.endsWith(".java")), "the WAR carries the generated Java sources");

            try (InputStream in = war.getInputStream(war.getJarEntry("WEB-INF/glassfish-web.xml"))) {
                String descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(descriptor.matches("(?s).*<property\\s+name=\"usePrecompiled\"\\s+value=\"true\"\\s*/>.*"),
                        "glassfish-web.xml does not tell Payara to use the precompiled views");
            }
        }
    }

    @Test
    void classNamesAreTheOnesTheJspCompilerGives() {
        assertEquals("org/apache/jsp/WEB_002dINF/views/signin/sign_002din_jsp.class",
                compiledClass("WEB-INF/views/signin/sign-in.jsp"));
        assertEquals("org/apache/jsp/tag/web/error_002dsummary_tag.class",
                compiledClass("WEB-INF/tags/error-summary.tag"));
    }

    /** Where the JSP compiler (WaSP, like Jasper) puts a view's class: org.apache.jsp, names mangled. */
    static String compiledClass(String view) {
        String path = view.endsWith(".tag") ? "tag/web/" + view.substring("WEB-INF/tags/".length()) : view;
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            parts.add(javaIdentifier(part));
        }
        return "org/apache/jsp/" + String.join("/", parts) + ".class";
    }

    private static String javaIdentifier(String name) {
        StringBuilder id = new StringBuilder();
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            id.append('_');
        }
        for (char c : name.toCharArray()) {
            if (Character.isJavaIdentifierPart(c) && c != '_') {
                id.append(c);
            } else if (c == '.') {
                id.append('_');
            } else {
                id.append(String.format("_%04x", (int) c));
            }
        }
        return id.toString();
    }
}
