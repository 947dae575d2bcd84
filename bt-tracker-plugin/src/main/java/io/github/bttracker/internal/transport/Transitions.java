package io.github.bttracker.internal.transport;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The moves an explicit state machine may make (a WebSocket link, an HTTP exchange): checked in one place, so that
 * a move the design does not allow fails loudly instead of leaving the machine in a state nobody planned for.
 *
 * @param <S> the states
 */
public final class Transitions<S extends Enum<S>> {

    private final Map<S, EnumSet<S>> allowed;

    /** @param allowed for every state, the states it may move to (none for a final state) */
    public Transitions(Map<S, EnumSet<S>> allowed) {
        this.allowed = Map.copyOf(allowed);
    }

    /**
     * @param what names the machine for the exception (asked only when the move is refused)
     * @return {@code to}, if {@code from} may move there
     * @throws IllegalStateException if it may not
     */
    public S move(S from, S to, Supplier<String> what) {
        if (!allowed.getOrDefault(from, EnumSet.noneOf(Objects.requireNonNull(to, "to").getDeclaringClass()))
                .contains(to)) {
            throw new IllegalStateException(what.get() + ": " + from + " -> " + to);
        }
        return to;
    }
}
