package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The three protocol facets behave alike where nothing arrived: take throws, poll answers null, count stays 0. */
class TrackerFacetTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private static EmbeddedTracker tracker;

    @BeforeAll
    static void start() {
        tracker = EmbeddedTracker.start();
    }

    @AfterAll
    static void stop() {
        tracker.close();
    }

    static List<TrackerFacet<?, ?>> facets() {
        return List.of(tracker.http(), tracker.udp(), tracker.ws());
    }

    @ParameterizedTest
    @MethodSource("facets")
    void takeThrowsWhenNothingArrivesInTime(TrackerFacet<?, ?> facet) {
        assertThatThrownBy(() -> facet.take(SHORT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no ")
                .hasMessageEndingWith(" reached the tracker within " + SHORT);
    }

    @ParameterizedTest
    @MethodSource("facets")
    void pollAnswersNullWhenNothingArrived(TrackerFacet<?, ?> facet) {
        assertThat(facet.poll()).isNull();
        assertThat(facet.poll(SHORT)).isNull();
        assertThat(facet.count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("facets")
    void rejectsANegativeRepeatCount(TrackerFacet<Object, ?> facet) {
        assertThatThrownBy(() -> facet.enqueue(new Object(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times must not be negative: -1");
    }
}
