package dev.signin;

import dev.signin.config.Settings;
import dev.signin.database.DatabaseSetup;
import jakarta.annotation.sql.DataSourceDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The settings table of docs/configuration.md lists exactly the settings the code reads: each
 * {@code @ConfigProperty} of {@link Settings} and each {@code ${MPCONFIG=...}} of the data source,
 * with its environment variable and its default.
 */
class ConfigurationDocTest {

    static final Pattern ROW = Pattern.compile("^\\| `(signin\\.[a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);
    static final Pattern MPCONFIG = Pattern.compile("\\$\\{MPCONFIG=([^:}]+):([^}]*)}");
    static final String NONE = "none";

    /**
     * Defaults the table words for a reader rather than as the code spells them, each for a reason:
     * 0 hashes means one per processor; the URL follows signin.data-dir through the boot commands.
     */
    static final Map<String, String> WORDED = Map.of(
            "signin.password.concurrent-hashes", "one per processor",
            "signin.db.url", "`jdbc:h2:file:${signin.data-dir}/signin`");

    /** Setting name to its default in the code ({@link #NONE} when it has none). */
    static Map<String, String> settingsInTheCode() {
        Map<String, String> settings = new TreeMap<>();
        for (Field field : Settings.class.getDeclaredFields()) {
            ConfigProperty property = field.getAnnotation(ConfigProperty.class);
            if (property != null) {
                String fallback = property.defaultValue();
                settings.put(property.name(), ConfigProperty.UNCONFIGURED_VALUE.equals(fallback) ? NONE : "`" + fallback + "`");
            }
        }
        DataSourceDefinition dataSource = DatabaseSetup.class.getAnnotation(DataSourceDefinition.class);
        for (String value : List.of(dataSource.className(), dataSource.url(), dataSource.user(), dataSource.password())) {
            Matcher m = MPCONFIG.matcher(value);
            while (m.find()) {
                settings.put(m.group(1), "`" + m.group(2) + "`");
            }
        }
        return settings;
    }

    static String environmentVariable(String setting) {
        return setting.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
    }

    @Test
    void theTableListsEverySettingTheCodeReadsWithItsVariableAndDefault() throws IOException {
        String doc;
        try (Stream<String> lines = Files.lines(Path.of("docs/configuration.md"))) {
            doc = String.join("\n", lines.toList());
        }
        Map<String, String> documented = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            documented.put(m.group(1), m.group(3).strip());
            if (!m.group(2).equals(environmentVariable(m.group(1)))) {
                wrong.add(m.group(1) + ": the variable is " + environmentVariable(m.group(1)) + ", not " + m.group(2));
            }
        }
        Map<String, String> code = settingsInTheCode();
        assertEquals(code.keySet(), documented.keySet(), "the settings in docs/configuration.md and in the code");
        code.forEach((name, fallback) -> {
            String expected = WORDED.getOrDefault(name, fallback);
            if (!expected.equals(documented.get(name))) {
                wrong.add(name + ": the default is " + expected + ", the table says " + documented.get(name));
            }
        });
        assertEquals(List.of(), wrong);
    }
}
