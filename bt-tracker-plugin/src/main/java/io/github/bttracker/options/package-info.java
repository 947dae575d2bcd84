/**
 * The tracker client's settings, as immutable records, one per concern, gathered in
 * {@link io.github.bttracker.options.TrackerClientOptions}. Each record has {@code defaults()}, checks its values
 * when it is made (an {@link java.lang.IllegalArgumentException} or {@link java.lang.NullPointerException} naming the
 * setting), and {@code with…} methods that return a changed copy.
 */
package io.github.bttracker.options;
