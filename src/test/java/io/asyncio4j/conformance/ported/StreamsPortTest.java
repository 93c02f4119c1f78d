package io.asyncio4j.conformance.ported;

import io.asyncio4j.EventLoop;
import io.asyncio4j.LoopExtension;
import io.asyncio4j.streams.StreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Ports of CPython 3.13 stream cases not covered by the other stream tests. */
@ExtendWith(LoopExtension.class)
class StreamsPortTest {
    /** Ports test_pep492.py StreamReaderTests.test_readline: iterating a reader gives its lines, the last one unterminated. */
    @Test
    void iteratingAReaderGivesItsLines(EventLoop loop) {
        StreamReader stream = new StreamReader();
        stream.feedData("line1\nline2\nline3".getBytes(StandardCharsets.US_ASCII));
        stream.feedEof();
        List<String> data = loop.runUntilComplete(() -> {
            List<String> out = new ArrayList<>();
            for (byte[] line : stream.lines()) {
                out.add(new String(line, StandardCharsets.US_ASCII));
            }
            return out;
        });
        assertEquals(List.of("line1\n", "line2\n", "line3"), data);
    }
}
