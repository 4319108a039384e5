package dev.signin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every test SECURITY.md points at exists, so the document cannot drift from the tests. */
class SecurityDocTest {

    static final Pattern REFERENCE = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))#([a-z][A-Za-z0-9]*)`");

    @Test
    void everyTestNamedInSecurityMdExists() throws IOException {
        String doc = Files.readString(Path.of("SECURITY.md"));
        Map<String, String> sources = testSources();
        List<String> missing = new ArrayList<>();
        Matcher m = REFERENCE.matcher(doc);
        int references = 0;
        while (m.find()) {
            references++;
            String source = sources.get(m.group(1));
            if (source == null || !Pattern.compile("void " + m.group(2) + "\\(").matcher(source).find()) {
                missing.add(m.group(1) + "#" + m.group(2));
            }
        }
        assertTrue(references >= 60, references + " references");
        assertEquals(List.of(), missing, "SECURITY.md names tests that do not exist");
    }

    @Test
    void everyLevelOneAndTwoRequirementOfTheThreeChaptersHasARow() throws IOException {
        String doc = Files.readString(Path.of("SECURITY.md"));
        // The Level 1 and 2 ids of ASVS 5.0.0 V3 (sections 3.2-3.5, 3.7), V6 and V7.
        List<String> ids = List.of("3.2.1", "3.2.2", "3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.4.1", "3.4.2", "3.4.3",
                "3.4.4", "3.4.5", "3.4.6", "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5", "3.7.1", "3.7.2",
                "6.1.1", "6.1.2", "6.1.3", "6.2.1", "6.2.2", "6.2.3", "6.2.4", "6.2.5", "6.2.6", "6.2.7", "6.2.8",
                "6.2.9", "6.2.10", "6.2.11", "6.2.12", "6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.4.1", "6.4.2", "6.4.3",
                "6.4.4", "6.5.1", "6.5.2", "6.5.3", "6.5.4", "6.5.5", "6.6.1-6.6.3", "6.8.1-6.8.4",
                "7.1.1", "7.1.2", "7.1.3", "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.3.1", "7.3.2", "7.4.1", "7.4.2",
                "7.4.3", "7.4.4", "7.4.5", "7.5.1", "7.5.2", "7.6.1", "7.6.2");
        List<String> absent = ids.stream().filter(id -> !doc.contains("| " + id + " |")).toList();
        assertEquals(List.of(), absent);
    }

    private static Map<String, String> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .collect(Collectors.toMap(p -> p.getFileName().toString().replace(".java", ""), p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }));
        }
    }
}
