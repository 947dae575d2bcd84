package io.github.bttracker.internal.transport;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The floors of the libraries the plugin runs on, checked when a runtime starts: an application's own dependency
 * management (a BOM it imports) may put older versions on the class path than the plugin is built with, and without
 * this check an older library fails much later, as a {@link NoSuchMethodError} or {@link NoClassDefFoundError} on an
 * event loop or in the engine's threads, far from its cause.
 *
 * <ul>
 *   <li><b>Jackson:</b> {@code jackson-core} 2.15 or later, for {@code StreamReadConstraints} (the limits on nesting,
 *       string and number lengths of WebSocket trackers' JSON).</li>
 *   <li><b>Netty:</b> 4.1 or 4.2 ({@link NettyIo} takes 4.2's API where it is there and 4.1's otherwise), with the
 *       classes the plugin uses that older lines lack.</li>
 * </ul>
 */
public final class LibraryVersions {

    static final int JACKSON_MAJOR = 2;
    static final int JACKSON_MINOR = 15;

    /** The newest classes, as far as we know, the plugin uses in both Netty lines; 4.0 and early 4.1 lack them. */
    private static final List<String> NETTY_CLASSES = List.of(
            "io.netty.resolver.dns.DnsAddressResolverGroup",
            "io.netty.handler.proxy.Socks5ProxyHandler",
            "io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig",
            "io.netty.handler.codec.http.TooLongHttpLineException",
            "io.netty.channel.epoll.EpollDatagramChannel");

    private LibraryVersions() {
    }

    /**
     * Checks the floors above.
     *
     * @throws IllegalStateException naming the library, the version found and the version needed
     */
    public static void requireSupported() {
        requireJackson();
        requireNetty();
    }

    private static void requireJackson() {
        if (!present("com.fasterxml.jackson.core.json.PackageVersion")) {
            throw new IllegalStateException("bt-tracker needs jackson-core " + JACKSON_MAJOR + "." + JACKSON_MINOR
                    + " or later, and there is no jackson-core on the class path");
        }
        requireJackson(PackageVersion.VERSION);
    }

    /** @throws IllegalStateException if {@code found} is older than the floor */
    static void requireJackson(Version found) {
        if (found.getMajorVersion() < JACKSON_MAJOR || found.getMajorVersion() == JACKSON_MAJOR
                && found.getMinorVersion() < JACKSON_MINOR) {
            throw new IllegalStateException("bt-tracker needs jackson-core " + JACKSON_MAJOR + "." + JACKSON_MINOR
                    + " or later (for StreamReadConstraints), but found jackson-core " + found
                    + " on the class path: manage com.fasterxml.jackson:jackson-bom at "
                    + JACKSON_MAJOR + "." + JACKSON_MINOR + " or later");
        }
    }

    private static void requireNetty() {
        requireNetty(NETTY_CLASSES);
    }

    /** @throws IllegalStateException if one of {@code classes} is missing */
    static void requireNetty(List<String> classes) {
        for (String name : classes) {
            if (!present(name)) {
                throw new IllegalStateException("bt-tracker needs Netty 4.1 (4.1.137.Final is tested) or 4.2, but "
                        + name + " is missing; found " + nettyVersions());
            }
        }
    }

    /** The Netty modules on the class path and their versions, as Netty reports them. */
    static String nettyVersions() {
        if (!present("io.netty.util.Version")) {
            return "no netty-common";
        }
        Map<String, String> versions = new TreeMap<>();
        io.netty.util.Version.identify(LibraryVersions.class.getClassLoader())
                .forEach((artifact, version) -> versions.put(artifact, version.artifactVersion()));
        return versions.isEmpty() ? "no Netty version information"
                : versions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, LibraryVersions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
