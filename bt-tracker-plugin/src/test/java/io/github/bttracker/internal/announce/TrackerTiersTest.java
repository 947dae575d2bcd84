package io.github.bttracker.internal.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TrackerTiersTest {

    @Test
    void keepsTierOrderAndShufflesWithinTiers() {
        List<List<String>> announceList = List.of(List.of("a1", "a2", "a3", "a4"), List.of("b1", "b2"));
        boolean sawOtherOrder = false;
        for (int seed = 0; seed < 20; seed++) {
            List<String> order = TrackerTiers.shuffled(announceList, new Random(seed)).attemptOrder();
            assertThat(order.subList(0, 4)).containsExactlyInAnyOrder("a1", "a2", "a3", "a4");
            assertThat(order.subList(4, 6)).containsExactlyInAnyOrder("b1", "b2");
            sawOtherOrder |= !order.subList(0, 4).equals(List.of("a1", "a2", "a3", "a4"));
        }
        assertThat(sawOtherOrder).as("the first tier was shuffled for some seed").isTrue();
    }

    @Test
    void shufflesOnceOnly() {
        TrackerTiers<String> tiers = TrackerTiers.shuffled(List.of(List.of("a", "b", "c", "d", "e")), new Random(1));
        assertThat(tiers.attemptOrder()).isEqualTo(tiers.attemptOrder());
    }

    @Test
    void promotesAnAnsweringTrackerToTheFrontOfItsTierOnly() {
        TrackerTiers<String> tiers = TrackerTiers.shuffled(
                List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2", "b3")), new Random(7));
        String lastOfSecondTier = tiers.tiers().get(1).get(2);
        tiers.promote(lastOfSecondTier);
        assertThat(tiers.tiers().get(1).get(0)).isEqualTo(lastOfSecondTier);
        assertThat(tiers.tiers().get(0)).containsExactlyInAnyOrder("a1", "a2", "a3");
        assertThat(tiers.attemptOrder().get(3)).isEqualTo(lastOfSecondTier);
    }

    @Test
    void dropsEmptyTiersAndDuplicates() {
        TrackerTiers<String> tiers = TrackerTiers.shuffled(List.of(List.of(), List.of("a", "a"), List.of("a", "b")),
                new Random(3));
        assertThat(tiers.tiers()).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void staysConsistentUnderConcurrentPromotions() throws Exception {
        List<String> tier = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tier.add("t" + i);
        }
        TrackerTiers<String> tiers = TrackerTiers.shuffled(List.of(tier), new Random(5));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        tiers.promote("t" + ((i + offset) % 50));
                        assertThat(tiers.attemptOrder()).hasSize(50);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(tiers.attemptOrder()).containsExactlyInAnyOrderElementsOf(tier);
    }

    @Test
    void aWalkEndsAtTheFirstSuccessAndPromotesIt() {
        TrackerTiers<String> tiers = TrackerTiers.shuffled(List.of(List.of("a"), List.of("b1", "b2")), new Random(3));
        List<String> order = tiers.attemptOrder();
        String winner = order.get(2);
        List<String> asked = new ArrayList<>();
        List<String> failedOnTheWay = new ArrayList<>();
        String result = tiers.firstSuccess(order, url -> {
            asked.add(url);
            return CompletableFuture.completedFuture(url.equals(winner) ? "ok " + url : "failed " + url);
        }, r -> r.startsWith("ok"), (url, r) -> failedOnTheWay.add(url)).join();
        assertThat(result).isEqualTo("ok " + winner);
        assertThat(asked).containsExactlyElementsOf(order);
        assertThat(failedOnTheWay).containsExactly(order.get(0), order.get(1));
        assertThat(tiers.tiers().get(1).get(0)).isEqualTo(winner);
    }

    @Test
    void aWalkWithoutSuccessGivesTheLastFailureAndStopsWhenTold() {
        TrackerTiers<String> tiers = TrackerTiers.shuffled(List.of(List.of("a"), List.of("b"), List.of("c")),
                new Random(1));
        assertThat(tiers.firstSuccess(List.of("a", "b", "c"), url -> CompletableFuture.completedFuture(url),
                r -> false, (url, r) -> true).join()).isEqualTo("c");
        List<String> asked = new ArrayList<>();
        assertThat(tiers.firstSuccess(List.of("a", "b", "c"), url -> {
            asked.add(url);
            return CompletableFuture.completedFuture(url);
        }, r -> false, (url, r) -> false).join()).isEqualTo("a");
        assertThat(asked).containsExactly("a");
        assertThat(tiers.firstSuccess(List.<String>of(), url -> CompletableFuture.completedFuture(url), r -> true,
                (url, r) -> true).join()).isNull();
        assertThat(tiers.attemptOrder()).containsExactly("a", "b", "c");
    }
}
