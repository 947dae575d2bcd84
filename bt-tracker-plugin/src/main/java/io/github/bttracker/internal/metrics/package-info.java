/**
 * Metrics and JFR events of the runtime: {@link io.github.bttracker.internal.metrics.RuntimeMetrics}, the one
 * recorder, with Micrometer as an optional dependency. Internal: not API.
 */
package io.github.bttracker.internal.metrics;
