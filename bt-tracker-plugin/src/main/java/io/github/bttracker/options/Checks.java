package io.github.bttracker.options;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The checks the option records' constructors share, with the messages they throw. */
final class Checks {

    private Checks() {
    }

    /** @throws IllegalArgumentException "NAME must be positive: VALUE" when {@code value} is 0 or less */
    static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * @throws NullPointerException with message NAME when {@code value} is null
     * @throws IllegalArgumentException "NAME must be positive: VALUE" when {@code value} is zero or negative
     */
    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException "NAME must not be negative: VALUE" when {@code value} is below 0 */
    static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /** @throws NullPointerException with message NAME when the optional itself is null (an empty one is fine) */
    static <T> Optional<T> present(Optional<T> value, String name) {
        return Objects.requireNonNull(value, name);
    }
}
