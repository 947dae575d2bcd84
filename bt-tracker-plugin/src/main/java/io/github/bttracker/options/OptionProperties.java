package io.github.bttracker.options;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The options as properties: {@code bttracker.<record>.<setting>}, one name per component of the records in
 * {@link TrackerClientOptions}, found by reflection, so that a new setting is a new property without code here.
 * Values are parsed by the component's type and checked by the records' own constructors. Settings that are objects
 * a user implements (a {@code HostResolver}, a {@code PeerFilter}...) have no property.
 */
final class OptionProperties {

    static final String PREFIX = "bttracker.";
    static final String FILE = "bt-tracker.properties";
    static final String SYSTEM_PROPERTY = "system property";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OptionProperties.class);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern PROXY_SCHEMES = Pattern.compile("http|socks5");
    private static final List<Setting> SETTINGS = settingsOf(TrackerClientOptions.class, PREFIX, List.of());

    /**
     * One setting: its property name and the record components that lead to it from {@link TrackerClientOptions}.
     *
     * @param name the property name, {@code bttracker.http.userAgent}
     * @param path the components, the last one the setting's
     */
    record Setting(String name, List<RecordComponent> path) {

        Type type() {
            return path.get(path.size() - 1).getGenericType();
        }

        /** @return whether the setting has a property: false for objects a user implements */
        boolean settable() {
            return describe(type()) != null;
        }

        /** @return the setting's value in {@code options} */
        Object valueIn(TrackerClientOptions options) {
            Object value = options;
            for (RecordComponent component : path) {
                value = read(component, value);
            }
            return value;
        }
    }

    /** Where values come from, named in error messages: a system property, a file, the caller's properties. */
    record Source(String name, Properties values) {
    }

    /** A property's value and where it was found. */
    private record Given(String name, String value, Source source) {

        String where() {
            return name + " (" + source.name() + ")";
        }
    }

    private OptionProperties() {
    }

    /** @return every setting, settable or not, in the order of the records' components */
    static List<Setting> settings() {
        return SETTINGS;
    }

    /** @return the type of a settable setting as the README names it, null for one without a property */
    static String describe(Type type) {
        if (type instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
            return describe(optional.getActualTypeArguments()[0]);
        }
        if (type == int.class || type == Integer.class) {
            return "int";
        }
        if (type == long.class || type == Long.class) {
            return "long";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == ProxySettings.class) {
            return "proxy URL";
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name())
                    .collect(Collectors.joining(" or "));
        }
        return null;
    }

    /** The system properties, then the first {@value #FILE} at the root of the class path, then the defaults. */
    static TrackerClientOptions fromSystemPropertiesAndClassPath() {
        List<Source> sources = new ArrayList<>();
        Properties system = new Properties();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                system.setProperty(name, System.getProperty(name, ""));
            }
        }
        sources.add(new Source(SYSTEM_PROPERTY, system));
        classPathFile().ifPresent(sources::add);
        return read(sources);
    }

    private static Optional<Source> classPathFile() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = OptionProperties.class.getClassLoader();
        }
        List<URL> found;
        try {
            found = Collections.list(loader.getResources(FILE));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot look for " + FILE + " on the class path: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            LOG.debug("no {} on the class path", FILE);
            return Optional.empty();
        }
        URL first = found.get(0);
        LOG.debug("reading bt-tracker options from {}{}", first,
                found.size() == 1 ? "" : ", the first " + FILE + " on the class path; ignored: " + found.subList(1,
                        found.size()));
        Properties values = new Properties();
        try (Reader in = new InputStreamReader(first.openStream(), StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + first + ": " + e.getMessage(), e);
        }
        return Optional.of(new Source(FILE + " at " + first, values));
    }

    /**
     * @param sources the sources, the one that wins first
     * @return the defaults with every {@code bttracker.*} property of the sources applied
     * @throws IllegalArgumentException naming the property and its source, for an unknown name, a setting without a
     *     property, a value that does not parse, or one its record refuses
     */
    static TrackerClientOptions read(List<Source> sources) {
        Map<String, Given> given = new LinkedHashMap<>();
        for (Source source : sources) {
            for (String name : new TreeSet<>(source.values().stringPropertyNames())) {
                if (name.startsWith(PREFIX)) {
                    given.putIfAbsent(name, new Given(name, source.values().getProperty(name), source));
                }
            }
        }
        refuseUnknown(given);
        if (!given.isEmpty()) {
            LOG.debug("bt-tracker options set by properties: {}", given.values().stream().map(Given::where)
                    .collect(Collectors.joining(", ")));
        }
        return (TrackerClientOptions) build(TrackerClientOptions.defaults(), PREFIX, given);
    }

    private static void refuseUnknown(Map<String, Given> given) {
        Map<String, Setting> byName = SETTINGS.stream().collect(Collectors.toMap(Setting::name, s -> s));
        List<String> unknown = new ArrayList<>();
        for (Given g : given.values()) {
            Setting setting = byName.get(g.name());
            if (setting == null) {
                unknown.add(g.where());
            } else if (!setting.settable()) {
                throw new IllegalArgumentException(g.where() + ": cannot be set as a property: it is an object "
                        + "you implement (" + typeName(setting.type()) + "); set it in code");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown bt-tracker option" + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + "; the options are: " + SETTINGS.stream()
                    .filter(Setting::settable).map(Setting::name).collect(Collectors.joining(", ")));
        }
    }

    /** @return {@code base}, or a copy of it with the given properties under {@code prefix} applied */
    private static Record build(Record base, String prefix, Map<String, Given> given) {
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        List<Given> applied = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = prefix + component.getName();
            Object current = read(component, base);
            values[i] = current;
            if (isOptionsRecord(component.getType())) {
                values[i] = build((Record) current, name + ".", given);
                changed |= values[i] != current;
            } else if (given.containsKey(name)) {
                Given g = given.get(name);
                values[i] = parse(g, component.getGenericType());
                applied.add(g);
                changed = true;
            }
        }
        return changed ? construct(base.getClass(), components, values, applied) : base;
    }

    private static Record construct(Class<?> type, RecordComponent[] components, Object[] values, List<Given> applied) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return (Record) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable refusal = e.getCause();
            if (refusal instanceof IllegalArgumentException || refusal instanceof NullPointerException) {
                throw new IllegalArgumentException(blamed(applied, refusal.getMessage()) + ": "
                        + refusal.getMessage(), refusal);
            }
            throw new IllegalStateException("cannot make " + type.getSimpleName() + ": " + refusal, refusal);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + type.getSimpleName() + ": " + e, e);
        }
    }

    /** @return the properties a record's refusal is about: those whose setting it names, else all it was given */
    private static String blamed(List<Given> applied, String message) {
        List<Given> named = applied.stream()
                .filter(g -> message != null && Pattern.compile("\\b" + Pattern.quote(settingOf(g.name())) + "\\b")
                        .matcher(message).find())
                .toList();
        return (named.isEmpty() ? applied : named).stream().map(Given::where).collect(Collectors.joining(", "));
    }

    private static String settingOf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static Object parse(Given g, Type type) {
        try {
            return parse(g.value().trim(), type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(g.where() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param value the trimmed value
     * @return the value of a setting of {@code type}
     * @throws IllegalArgumentException saying what was expected
     */
    static Object parse(String value, Type type) {
        if (type instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
            return value.isEmpty() ? Optional.empty() : Optional.of(parse(value, optional.getActualTypeArguments()[0]));
        }
        if (type == int.class || type == Integer.class) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an int: '" + value + "'");
            }
        }
        if (type == long.class || type == Long.class) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a long: '" + value + "'");
            }
        }
        if (type == boolean.class || type == Boolean.class) {
            // Boolean.parseBoolean would take any typo for false
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new IllegalArgumentException("not a boolean (true or false): '" + value + "'");
        }
        if (type == String.class) {
            return value;
        }
        if (type == Duration.class) {
            return duration(value);
        }
        if (type == ProxySettings.class) {
            return proxy(value);
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return Arrays.stream(c.getEnumConstants()).filter(e -> ((Enum<?>) e).name().equalsIgnoreCase(value))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("not one of " + describe(c)
                            + ": '" + value + "'"));
        }
        throw new IllegalStateException("no property for " + type);
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT30S}). */
    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a duration (such as 500ms, 30s, 2m, 1h, or PT30S): '" + value
                    + "'");
        }
    }

    /**
     * {@code http://host:port} or {@code socks5://host:port}, optionally with {@code user:password@} before the
     * host. The value is never repeated in a message: it may hold a password.
     */
    private static ProxySettings proxy(String value) {
        String form = "not a proxy URL (http://host:port or socks5://[user:password@]host:port)";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(form);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!PROXY_SCHEMES.matcher(scheme).matches() || uri.getHost() == null || uri.getPort() < 1
                || uri.getPort() > 65535 || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(form);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        // resolved when first used (once per tracker origin), not now: the proxy may not resolve at startup
        InetSocketAddress address = InetSocketAddress.createUnresolved(host, uri.getPort());
        ProxySettings proxy = scheme.equals("http") ? ProxySettings.httpConnect(address)
                : ProxySettings.socks5(address);
        String userInfo = uri.getUserInfo();
        if (userInfo == null) {
            return proxy;
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the proxy URL has a user name but no password (user:password@)");
        }
        return proxy.withCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    }

    private static List<Setting> settingsOf(Class<?> type, String prefix, List<RecordComponent> path) {
        List<Setting> settings = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            List<RecordComponent> to = new ArrayList<>(path);
            to.add(component);
            String name = prefix + component.getName();
            if (isOptionsRecord(component.getType())) {
                settings.addAll(settingsOf(component.getType(), name + ".", to));
            } else {
                settings.add(new Setting(name, List.copyOf(to)));
            }
        }
        return List.copyOf(settings);
    }

    /** @return whether {@code type} is one of the records that group settings (its components are settings too) */
    private static boolean isOptionsRecord(Class<?> type) {
        return type.isRecord() && type.getPackage() == OptionProperties.class.getPackage()
                && type != ProxySettings.class;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static String typeName(Type type) {
        if (type instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
            return typeName(optional.getActualTypeArguments()[0]);
        }
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }
}
