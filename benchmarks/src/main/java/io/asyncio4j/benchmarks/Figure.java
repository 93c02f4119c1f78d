package io.asyncio4j.benchmarks;

/**
 * What one figure is about: a metric of one implementation in one case of one suite. The
 * harness collects one sample per round under each key and reports their median.
 */
public record Figure(String suite, String caseName, String impl, String metric, String unit) {

    /** Whether a smaller value is better (times, bytes, CPU) rather than a larger one (rates). */
    public boolean lowerIsBetter() {
        return !unit.endsWith("/s");
    }

    /** The same figure for another implementation (used to find the reference's value). */
    public Figure withImpl(String other) {
        return new Figure(suite, caseName, other, metric, unit);
    }
}
