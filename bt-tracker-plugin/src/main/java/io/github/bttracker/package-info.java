/**
 * The standalone tracker client: {@link io.github.bttracker.TrackerClient} announces one torrent to its trackers and
 * reports to {@link io.github.bttracker.TrackerClientListener}s; {@link io.github.bttracker.TrackerRuntime} is the
 * shared runtime (event loop threads, resolver, connections) that several clients use, and that announces and
 * scrapes directly; {@link io.github.bttracker.AnnounceOptions} is the progress a client reports.
 *
 * <p>Threads: every method may be called from any thread and none blocks, except the {@code close()} methods, which
 * wait a bounded time and must not be called from an event loop thread. Listeners, the announce options supplier and
 * the futures all run or complete on the runtime's event loop threads (named {@code bt-tracker-N}); they must not
 * block.
 *
 * <p>Failures: a tracker that cannot be used is never an exception thrown at the caller. Futures fail with a
 * {@link io.github.bttracker.core.TrackerException} whose {@link io.github.bttracker.core.TrackerException.Kind} says
 * why ({@code CLOSED} once the runtime is closed); a client reports it as a
 * {@link io.github.bttracker.TrackerClientListener#onWarning warning} and goes on with its other trackers. A tracker
 * that refuses an announce with a {@code failure reason} is an answer, not an exception. Arguments are checked when
 * given: {@link java.lang.NullPointerException} and {@link java.lang.IllegalArgumentException}.
 */
package io.github.bttracker;
