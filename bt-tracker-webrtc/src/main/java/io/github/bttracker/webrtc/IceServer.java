package io.github.bttracker.webrtc;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server for ICE, as in the browser's {@code RTCIceServer} (WebTorrent's {@code rtcConfig}).
 * Immutable and thread-safe; its {@code toString()} leaves the credential out.
 *
 * @param urls e.g. {@code stun:stun.example.org:3478} or {@code turn:turn.example.org?transport=udp}
 * @param username the TURN user name, or {@code null}
 * @param credential the TURN password, or {@code null}
 */
public record IceServer(List<String> urls, String username, String credential) {

    /**
     * Checks the values and copies the list.
     *
     * @param urls one or more URLs
     * @param username the TURN user name, or {@code null}
     * @param credential the TURN password, or {@code null}
     * @throws NullPointerException if the list or a URL is null
     * @throws IllegalArgumentException if the list is empty
     */
    public IceServer {
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
    }

    /**
     * A server without credentials, e.g. a STUN server.
     *
     * @param url its URL, not null
     * @return the server
     * @throws NullPointerException if {@code url} is null
     */
    public static IceServer of(String url) {
        return new IceServer(List.of(url), null, null);
    }

    @Override
    public String toString() {
        // the credential stays out of logs
        return "IceServer" + urls + (username != null ? " as " + username : "");
    }
}
