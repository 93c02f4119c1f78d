package io.asyncio4j.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.asyncio4j.EventLoop;
import io.asyncio4j.testing.VirtualTimeLoop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's logging recipe works: with {@code org.slf4j:slf4j-jdk-platform-logging} and
 * Logback on the class path, what asyncio4j logs through {@link System.Logger} (here an exception
 * reported by the default exception handler, as asyncio's {@code default_exception_handler} logs
 * it) reaches a Logback appender.
 */
class LoggingToLogbackTest {
    @Test
    void aLoopExceptionReachesLogback() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.asyncio4j");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        try {
            RuntimeException boom = new RuntimeException("boom");
            EventLoop loop = VirtualTimeLoop.create();
            try {
                loop.callSoon(() -> {
                    throw boom;
                });
                loop.callSoon(loop::stop);
                loop.runForever();
            } finally {
                loop.close();
            }
            List<ILoggingEvent> errors = appender.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
            assertEquals(1, errors.size(), appender.list.toString());
            ILoggingEvent event = errors.get(0);
            assertTrue(event.getFormattedMessage().contains("Exception in callback"), event.getFormattedMessage());
            assertEquals("io.asyncio4j", event.getLoggerName());
            ch.qos.logback.classic.spi.ThrowableProxy proxy =
                    assertInstanceOf(ch.qos.logback.classic.spi.ThrowableProxy.class, event.getThrowableProxy());
            assertSame(boom, proxy.getThrowable());
        } finally {
            logger.detachAppender(appender);
            appender.stop();
        }
    }
}
