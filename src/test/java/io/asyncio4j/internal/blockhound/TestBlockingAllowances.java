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
        // Fixtures that write the file a sendfile test sends (a temp file's random name comes from
        // SecureRandom); an application opens its files before it sends them.
        builder.allowBlockingCallsInside("io.asyncio4j.transports.SendfileTest", "file");
        builder.allowBlockingCallsInside("io.asyncio4j.transports.SockSendfileTest", "fileWith");
        // Calls Object.wait() on a Condition on purpose, to show it fails at once (no monitor held).
        builder.allowBlockingCallsInside("io.asyncio4j.sync.ConditionMonitorTrapTest", "objectWait");
    }
}
