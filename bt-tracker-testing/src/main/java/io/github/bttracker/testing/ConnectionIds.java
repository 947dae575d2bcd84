package io.github.bttracker.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The connection ids the UDP tracker handed out (BEP 15) and until when each is good. Thread-safe: the event loop
 * issues and checks them while tests expire them.
 */
final class ConnectionIds {
    /** How long an id stays valid by default: BEP 15 lets clients use one for a minute, servers accept longer. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(2);

    private final Map<Long, Long> expiryNanosById = new ConcurrentHashMap<>();
    private final long lifetimeNanos;

    ConnectionIds(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("negative connection id lifetime: " + lifetime);
        }
        this.lifetimeNanos = lifetime.toNanos();
    }

    /** A new random id, valid for the lifetime from now. */
    long issue() {
        long now = System.nanoTime();
        // forget expired ids as new ones come, so a long-running tracker does not pile them up
        expiryNanosById.values().removeIf(expiry -> expiry - now <= 0);
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (expiryNanosById.putIfAbsent(id, now + lifetimeNanos) != null);
        return id;
    }

    /** Whether {@code id} was issued and has not expired. */
    boolean isValid(long id) {
        Long expiry = expiryNanosById.get(id);
        return expiry != null && expiry - System.nanoTime() > 0;
    }

    /** Makes every id issued so far invalid, as if their lifetime had run out. */
    void expireAll() {
        expiryNanosById.clear();
    }
}
