package io.asyncio4j.internal.blockhound;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Test-only BlockHound allowances (the {@code -Pblockhound} profile): helpers of other test
 * classes that block an event loop on purpose, each named with its reason. Library code gets no
 * allowance here; see core's {@code AsyncioBlockHoundIntegration}.
 */
public final class TestBlockingAllowances implements BlockHoundIntegration {

    /** Created by BlockHound's service loader. */
    public TestBlockingAllowances() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Holds the loop in a callback so that a cancellation from the test thread lands before
        // the loop's next step (cancelledBeforeStartNeverRuns).
        builder.allowBlockingCallsInside("io.asyncio4j.RunCoroutineThreadsafeTest", "holdTheLoop");
        // Test fixtures that build TLS contexts (key stores read from disk, SecureRandom seeded
        // from /dev/urandom) inside tasks; an application builds its SSLContext once, up front.
        for (String m : new String[] {"serverContext", "clientContext", "defaultClientContext", "trustAllClientContext"}) {
            builder.allowBlockingCallsInside("io.asyncio4j.internal.net.tls.TestCerts", m);
        }
        // Blocks the loop on purpose to provoke the slow-callback report.
        builder.allowBlockingCallsInside("io.asyncio4j.DebugModeTest", "blockTheLoop");
    }
}
