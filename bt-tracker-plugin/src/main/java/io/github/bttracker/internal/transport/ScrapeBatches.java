package io.github.bttracker.internal.transport;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.ScrapeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A multi-scrape split into requests of a size the protocol allows, and their answers merged again. */
public final class ScrapeBatches {

    private ScrapeBatches() {
    }

    /** @return the distinct hashes, in order, in batches of at most {@code size}; none for no hashes */
    public static List<List<InfoHash>> split(java.util.Collection<InfoHash> infoHashes, int size) {
        List<InfoHash> distinct = new ArrayList<>(new LinkedHashSet<>(infoHashes));
        List<List<InfoHash>> batches = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += size) {
            batches.add(distinct.subList(from, Math.min(distinct.size(), from + size)));
        }
        return batches;
    }

    /**
     * @param batches the answers of the batches
     * @param work what to cancel when one batch fails: the others are no longer needed
     * @return every batch's results in one map, or the first failure
     */
    public static CompletableFuture<Map<InfoHash, ScrapeResult>> merge(
            List<CompletableFuture<Map<InfoHash, ScrapeResult>>> batches, List<? extends CompletableFuture<?>> work) {
        CompletableFuture<Map<InfoHash, ScrapeResult>> merged =
                CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).thenApply(done -> {
                    Map<InfoHash, ScrapeResult> results = new HashMap<>();
                    batches.forEach(b -> results.putAll(b.join()));
                    return results;
                });
        merged.whenComplete((r, e) -> {
            if (e != null) {
                work.forEach(f -> f.cancel(false));
            }
        });
        return merged;
    }
}
