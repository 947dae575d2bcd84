package io.github.bttracker.testing;

import io.github.bttracker.testing.internal.UdpProtocol;
import java.util.Locale;

/**
 * The {@code event} of an announce, as defined by BEP 3 (plus {@code paused} from BEP 21). Immutable and
 * thread-safe.
 */
public enum AnnounceEvent {
    /** A regular, periodic announce (no or an empty {@code event}). */
    NONE(""),
    /** The first announce of a download. */
    STARTED("started"),
    /** The download just finished; counted in the swarm's {@code downloaded}. */
    COMPLETED("completed"),
    /** The peer leaves the swarm. */
    STOPPED("stopped"),
    /** BEP 21: a partial seed that stays but downloads nothing more. */
    PAUSED("paused");

    private final String wireName;

    AnnounceEvent(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the value of the {@code event} parameter that stands for this event ({@code ""} for {@link #NONE})} */
    public String wireName() {
        return wireName;
    }

    /**
     * Maps an {@code event} parameter to an event. Absent, empty and unknown values are {@link #NONE}: real
     * trackers ignore events they don't understand rather than rejecting the announce.
     *
     * @param value the parameter as sent, or {@code null} when absent
     * @return the event, {@link #NONE} for an absent or unknown value
     */
    public static AnnounceEvent fromWireName(String value) {
        if (value == null) {
            return NONE;
        }
        String normalized = value.toLowerCase(Locale.ROOT);
        for (AnnounceEvent event : values()) {
            if (event.wireName.equals(normalized)) {
                return event;
            }
        }
        return NONE;
    }

    /** The event a BEP 15 announce {@code event} code stands for; unknown codes are {@link #NONE}. */
    static AnnounceEvent ofUdpCode(int code) {
        return switch (code) {
            case UdpProtocol.EVENT_COMPLETED -> COMPLETED;
            case UdpProtocol.EVENT_STARTED -> STARTED;
            case UdpProtocol.EVENT_STOPPED -> STOPPED;
            // like HTTP trackers with unknown event names, ignore what cannot be understood
            default -> NONE;
        };
    }
}
