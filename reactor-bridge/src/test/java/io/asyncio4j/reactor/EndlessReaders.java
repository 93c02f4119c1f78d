package io.asyncio4j.reactor;

import io.asyncio4j.streams.StreamReader;

import java.nio.charset.StandardCharsets;

/** Stream readers that never reach EOF: each read finds fresh data, for the TCK's endless sources. */
final class EndlessReaders {
    private static final byte[] BLOCK = new byte[64];
    private static final byte[] LINE = "line\n".getBytes(StandardCharsets.UTF_8);

    private EndlessReaders() {
    }

    static StreamReader bytes() {
        return new StreamReader() {
            @Override
            public byte[] read(int n) {
                if (buffered() == 0) {
                    feedData(BLOCK);
                }
                return super.read(n);
            }
        };
    }

    static StreamReader lines() {
        return new StreamReader() {
            @Override
            public byte[] readline() {
                if (buffered() == 0) {
                    feedData(LINE);
                }
                return super.readline();
            }
        };
    }
}
