package io.github.bttracker.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's list of properties is the one the records make: a setting added, renamed or given another default
 * fails this test until the README says so (the failure prints the list to paste).
 */
class OptionPropertiesReadmeTest {

    static final Path README = Path.of("..", "README.md");
    static final String START = "<!-- properties: generated from the option records by OptionPropertiesReadmeTest -->";
    static final String END = "<!-- properties: end -->";

    @Test
    void theReadmeListsEveryPropertyWithItsTypeAndDefault() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("%s in %s", START, README.toAbsolutePath()).isNotNegative();
        assertThat(end).as("%s in %s", END, README.toAbsolutePath()).isGreaterThan(start);
        String listed = readme.substring(start + START.length(), end).strip();
        String expected = generated();
        assertThat(listed).as("the properties in README.md; between the markers, put:%n%s%n", expected)
                .isEqualTo(expected);
    }

    static String generated() {
        TrackerClientOptions defaults = TrackerClientOptions.defaults();
        StringBuilder table = new StringBuilder("| property | type | default |\n|---|---|---|\n");
        for (OptionProperties.Setting setting : OptionProperties.settings()) {
            if (setting.settable()) {
                table.append("| `").append(setting.name()).append("` | ")
                        .append(OptionProperties.describe(setting.type())).append(" | ")
                        .append(defaultOf(setting, defaults)).append(" |\n");
            }
        }
        String codeOnly = "Set in code only (objects you implement): " + OptionProperties.settings().stream()
                .filter(setting -> !setting.settable()).map(setting -> "`" + setting.name() + "`")
                .collect(Collectors.joining(", ")) + ".";
        return table.append('\n').append(wrapped(codeOnly)).toString();
    }

    /** @return {@code text} in lines of at most 120 characters, as the README's paragraphs are */
    static String wrapped(String text) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > 120) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /** @return the default as a property value, so that the README shows the syntax too */
    static String defaultOf(OptionProperties.Setting setting, TrackerClientOptions defaults) {
        Object value = setting.valueIn(defaults);
        if (setting.name().equals("bttracker.connection.eventLoopThreads")) {
            // the one default that depends on the machine
            assertThat(value).isEqualTo(Math.min(2, Runtime.getRuntime().availableProcessors()));
            return "min(2, processors)";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(present -> "`" + present + "`").orElse("none");
        }
        if (value instanceof Duration duration) {
            return "`" + duration(duration) + "`";
        }
        return "`" + value + "`";
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        if (ms % 60_000 != 0) {
            return ms / 1000 + "s";
        }
        if (ms % 3_600_000 != 0) {
            return ms / 60_000 + "m";
        }
        return ms / 3_600_000 + "h";
    }

    @Test
    void theListedDefaultsParseBackToTheDefaults() {
        // the README's default column is in the property syntax: each value, given as a property, changes nothing
        TrackerClientOptions defaults = TrackerClientOptions.defaults();
        for (OptionProperties.Setting setting : OptionProperties.settings()) {
            String shown = setting.settable() ? defaultOf(setting, defaults) : "";
            if (shown.startsWith("`")) {
                Object parsed = OptionProperties.parse(shown.substring(1, shown.length() - 1), setting.type());
                assertThat(parsed).as(setting.name()).isEqualTo(setting.valueIn(defaults));
            }
        }
    }
}
