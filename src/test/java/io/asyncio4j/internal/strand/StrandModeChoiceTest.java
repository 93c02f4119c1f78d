package io.asyncio4j.internal.strand;

import io.asyncio4j.StrandMode;
import io.asyncio4j.internal.strand.StrandModeChoice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strand-mode decision and its fall-back warning (no asyncio counterpart: strands are Java's). */
class StrandModeChoiceTest {

    @Test
    void autoPicksFastWhenAvailableAndPortableOtherwise() {
        assertEquals(StrandMode.FAST, StrandModeChoice.decide("auto", true, ""));
        assertEquals(StrandMode.PORTABLE, StrandModeChoice.decide("auto", false, "closed"));
        assertEquals(StrandMode.FAST, StrandModeChoice.decide(null, true, ""));
    }

    @Test
    void explicitModesAreHonoured() {
        assertEquals(StrandMode.FAST, StrandModeChoice.decide("FAST", true, ""));
        assertEquals(StrandMode.PORTABLE, StrandModeChoice.decide("portable", true, ""));
        assertEquals(StrandMode.PORTABLE, StrandModeChoice.decide("portable", false, "closed"));
    }

    @Test
    void explicitFastWithoutTheFlagThrowsAnExceptionThatNamesBothFlags() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StrandModeChoice.decide("fast", false, "java.lang not opened"));
        assertTrue(e.getMessage().contains("--add-opens java.base/java.lang=ALL-UNNAMED"), e.getMessage());
        assertTrue(e.getMessage().contains("--add-opens java.base/java.lang=io.asyncio4j"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang not opened"), e.getMessage());
    }

    @Test
    void unknownValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrandModeChoice.decide("quick", true, ""));
        assertTrue(e.getMessage().contains("'quick'"), e.getMessage());
    }

    @Test
    void onlyAnAutomaticFallBackIsWarnedAbout() {
        assertTrue(StrandModeChoice.isFallback("auto", StrandMode.PORTABLE));
        assertTrue(StrandModeChoice.isFallback(null, StrandMode.PORTABLE));
        assertFalse(StrandModeChoice.isFallback("portable", StrandMode.PORTABLE));
        assertFalse(StrandModeChoice.isFallback("auto", StrandMode.FAST));
    }

    @Test
    void theFallBackWarningIsLoggedOnceAndNamesBothFlags() {
        CapturingLogger log = new CapturingLogger();
        StrandModeChoice choice = new StrandModeChoice();
        assertTrue(choice.warnFallbackOnce(log));
        assertFalse(choice.warnFallbackOnce(log));
        assertEquals(1, log.records.size());
        assertEquals(System.Logger.Level.WARNING, log.levels.get(0));
        String message = log.records.get(0);
        assertTrue(message.contains("--add-opens java.base/java.lang=ALL-UNNAMED"), message);
        assertTrue(message.contains("--add-opens java.base/java.lang=io.asyncio4j"), message);
    }

    @Test
    void modePropertyValuesMatchTheSystemProperty() {
        assertEquals("fast", StrandMode.FAST.propertyValue());
        assertEquals("portable", StrandMode.PORTABLE.propertyValue());
    }

    /** A System.Logger that keeps what it is given. */
    private static final class CapturingLogger implements System.Logger {
        final List<String> records = new ArrayList<>();
        final List<Level> levels = new ArrayList<>();

        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            levels.add(level);
            records.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            levels.add(level);
            records.add(params == null || params.length == 0 ? format : java.text.MessageFormat.format(format, params));
        }
    }
}
