package io.asyncio4j.examples;

/**
 * One runnable example: its command-line name, the tutorial section it ports (or "demo"), and
 * its entry point.
 *
 * @param name the name given to {@code examples/run}
 * @param section the tutorial section, for the listing
 * @param description one line on what it shows
 * @param main the entry point, given the remaining arguments
 */
public record Example(String name, String section, String description, Main main) {
    /** An example's entry point. */
    @FunctionalInterface
    public interface Main {
        /**
         * Runs the example.
         *
         * @param args the arguments after the name
         * @throws Exception anything; the launcher prints it and exits 1
         */
        void run(String[] args) throws Exception;
    }
}
