package dev.slipway.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles of a list of samples in milliseconds (nearest rank). */
final class Stats {

    private final List<Double> samples = new ArrayList<>();

    void add(double millis) {
        samples.add(millis);
    }

    void addAll(Stats other) {
        samples.addAll(other.samples);
    }

    int count() {
        return samples.size();
    }

    double percentile(double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double max() {
        return samples.isEmpty() ? Double.NaN : Collections.max(samples);
    }

    String line(String name) {
        return String.format(Locale.ROOT, "%-44s n=%-4d p50 %8.1f  p90 %8.1f  p99 %8.1f  max %8.1f ms",
                name, count(), percentile(50), percentile(90), percentile(99), max());
    }

    /** The deployment benchmark's line: median, p95 and worst of n. */
    String line95(String name) {
        return String.format(Locale.ROOT, "%-52s n=%-4d p50 %8.1f  p95 %8.1f  max %8.1f ms", name, count(), percentile(50), percentile(95), max());
    }
}
