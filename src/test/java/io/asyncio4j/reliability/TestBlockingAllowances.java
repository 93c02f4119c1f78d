package io.asyncio4j.reliability;

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
    }
}
