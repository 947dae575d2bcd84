/**
 * The plugin for the Bt engine: {@link io.github.bttracker.bt.BtTrackerModule} replaces Bt's tracker service with
 * this library's clients (found by {@code autoLoadModules()} through
 * {@link io.github.bttracker.bt.BtTrackerModuleProvider}), and adds what Bt lacks:
 * {@link io.github.bttracker.bt.TrackerScrapeService} (scrape) and {@link io.github.bttracker.bt.TrackerStatusService}
 * (what each tracker of a torrent last said). The only package that imports Bt.
 *
 * <p>Threads: Bt calls its tracker service from its own threads and blocks them for an announce, at most its tracker
 * timeout; the network work runs on the plugin's event loop, one per Bt runtime, started on first use and closed
 * with the runtime. The services are thread-safe and never block; their futures complete on that event loop.
 *
 * <p>Failures: nothing is thrown to Bt for a tracker that fails: Bt gets a failed {@code TrackerResponse}, with the
 * tracker's {@code failure reason} or the {@link io.github.bttracker.core.TrackerException}, and backs off. The
 * services' futures fail with a {@link io.github.bttracker.core.TrackerException}. A library on the class path that
 * is too old for the plugin fails the Bt runtime's {@code build()} with an {@link java.lang.IllegalStateException}.
 */
package io.github.bttracker.bt;
