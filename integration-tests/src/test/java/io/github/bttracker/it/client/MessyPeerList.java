package io.github.bttracker.it.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** What a hostile or careless tracker lists besides two real peers, and what a user must be handed of it. */
public final class MessyPeerList {

    /** Addresses no peer can have: unspecified, multicast (LSD's group among them), broadcast, link-local. */
    static final List<String> UNUSABLE_ADDRESSES = List.of("0.0.0.0", "::", "224.0.0.251", "239.192.152.143",
            "255.255.255.255", "169.254.10.20", "fe80::1", "ff02::1");
    /** How many of {@link #UNUSABLE_ADDRESSES} the list holds. */
    static final int UNUSABLE = UNUSABLE_ADDRESSES.size();
    /** The peers left of {@link #listed}: each once, in the order listed. */
    public static final List<String> CLEANED = List.of("127.0.0.1:7001", "[0:0:0:0:0:0:0:1]:7002");

    private MessyPeerList() {
    }

    /**
     * @param ownPort the listening port of the client that announces: it is listed at 127.0.0.1, as opentracker
     *     lists the requester
     */
    public static List<InetSocketAddress> listed(int ownPort) {
        List<InetSocketAddress> listed = new ArrayList<>();
        UNUSABLE_ADDRESSES.forEach(ip -> listed.add(new InetSocketAddress(ip, 7000)));
        listed.add(new InetSocketAddress("127.0.0.1", ownPort));
        for (int i = 0; i < 10_000; i++) {
            listed.add(new InetSocketAddress("127.0.0.1", 7001));
        }
        listed.add(new InetSocketAddress("::1", 7002));
        return listed;
    }
}
