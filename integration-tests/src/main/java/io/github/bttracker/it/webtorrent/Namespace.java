package io.github.bttracker.it.webtorrent;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The network namespace every test JVM of this module runs in, made by bt-tracker-webrtc's {@code src/test/namespace/bin/java}: lo, and a
 * veth pair 10.77.0.1 and 10.77.0.2 with both ends inside. libwebrtc gathers no candidates on loopback; these
 * addresses reach nothing outside the namespace.
 */
public final class Namespace {

    public static final String TRACKER_ADDRESS = "10.77.0.1";

    private Namespace() {
    }

    /** The IPv4 addresses this JVM sees. */
    public static Set<String> ipv4Addresses() throws SocketException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address).map(InetAddress::getHostAddress).collect(Collectors.toSet());
    }

    /** Fails, naming the launcher, unless this JVM is inside the namespace: a test here never runs outside it. */
    public static InetAddress trackerAddress() throws SocketException, UnknownHostException {
        Set<String> addresses = ipv4Addresses();
        if (!addresses.contains(TRACKER_ADDRESS)) {
            throw new AssertionError("this JVM must run in the namespace made by bt-tracker-webrtc's "
                    + "src/test/namespace/bin/java (surefire's jvm); it needs unshare -rn and ip (iproute2); "
                    + "its IPv4 addresses are " + addresses + ", without " + TRACKER_ADDRESS);
        }
        return InetAddress.getByName(TRACKER_ADDRESS);
    }
}
