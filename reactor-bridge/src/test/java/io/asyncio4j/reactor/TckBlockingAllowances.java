package io.asyncio4j.reactor;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Test-only BlockHound allowances for the bridge's suite under {@code -Pblockhound}: the Reactive
 * Streams TCK's subscriber hands each signal to the test thread through an ArrayBlockingQueue;
 * when the publisher signals on the loop, that queue's lock can be briefly contended by the test
 * thread polling it. That is the TCK harness waiting, not the bridge.
 */
public final class TckBlockingAllowances implements BlockHoundIntegration {

    /** Created by BlockHound's service loader. */
    public TckBlockingAllowances() {
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "add");
        builder.allowBlockingCallsInside("org.reactivestreams.tck.TestEnvironment$Receptacle", "complete");
        // NothingLostTest parks the loop inside a take on purpose, until the test thread has cancelled.
        builder.allowBlockingCallsInside("io.asyncio4j.reactor.NothingLostTest$TakeGate", "pass");
    }
}
