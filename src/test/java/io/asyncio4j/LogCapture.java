package io.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what asyncio4j logs through {@link System.Logger} (backed by java.util.logging) on the
 * logger {@code "io.asyncio4j"}, for tests that check log output. Close it to uninstall.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("io.asyncio4j");
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        // Expected errors stay out of the build's console while captured.
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** {@return the records at {@code level} or above, oldest first} */
    synchronized List<LogRecord> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue()).toList();
    }

    /**
     * {@return the records at {@code level} or above whose message starts with {@code prefix}}
     * Filtering by message keeps a test immune to reports from other tests' garbage (a
     * never-retrieved exception logged by a collected future of an earlier test).
     */
    synchronized List<LogRecord> atLeast(Level level, String prefix) {
        return atLeast(level).stream().filter(r -> r.getMessage() != null && r.getMessage().startsWith(prefix)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }
}
