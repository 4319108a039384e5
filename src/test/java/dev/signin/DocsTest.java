package dev.signin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every relative link in the README, SECURITY.md and docs/ leads to a file, and every #anchor to a heading there. */
class DocsTest {

    /** A Markdown link or image: [text](target) or ![alt](target), the target without a title. */
    static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);
    static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    /** GitHub's anchor of a heading: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
    static String anchor(String heading) {
        String text = heading.replaceAll("`", "").replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path file) throws IOException {
        String text = FENCE.matcher(Files.readString(file)).replaceAll("");
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            String base = anchor(m.group(1));
            String name = base;
            for (int n = 1; !anchors.add(name); n++) {
                name = base + "-" + n; // GitHub numbers repeated headings
            }
        }
        return anchors;
    }

    static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md"), Path.of("SECURITY.md")));
        try (Stream<Path> files = Files.walk(Path.of("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path doc : documents()) {
            Matcher m = LINK.matcher(FENCE.matcher(Files.readString(doc)).replaceAll(""));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto: ...
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(doc + ": " + target + " (no file " + resolved + ")");
                } else if (hash >= 0 && (!resolved.toString().endsWith(".md") || !anchors(resolved).contains(target.substring(hash + 1)))) {
                    broken.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links >= 20, links + " relative links");
        assertEquals(List.of(), broken, "broken links in the documents");
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("health-and-metrics", anchor("Health and metrics"));
        assertEquals("two-step-verification-totp", anchor("Two-step verification (TOTP)"));
        assertEquals("signin_session-and-x", anchor("`signin_session` and x"));
    }
}
