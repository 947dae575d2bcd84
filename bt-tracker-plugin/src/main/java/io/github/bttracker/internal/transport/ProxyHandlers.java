package io.github.bttracker.internal.transport;

import io.github.bttracker.options.ProxySettings;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;

/** Netty's handler for a user's {@link ProxySettings}, so that the public settings stay free of Netty types. */
public final class ProxyHandlers {

    private ProxyHandlers() {
    }

    /** @return a new handler for one connection; it goes first in the connection's pipeline */
    public static ProxyHandler newHandler(ProxySettings proxy) {
        return switch (proxy.type()) {
            case HTTP_CONNECT -> proxy.username() == null ? new HttpProxyHandler(proxy.address())
                    : new HttpProxyHandler(proxy.address(), proxy.username(), proxy.password());
            case SOCKS5 -> proxy.username() == null ? new Socks5ProxyHandler(proxy.address())
                    : new Socks5ProxyHandler(proxy.address(), proxy.username(), proxy.password());
        };
    }
}
