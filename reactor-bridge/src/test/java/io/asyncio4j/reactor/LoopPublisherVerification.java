package io.asyncio4j.reactor;

import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** A TCK publisher verification with a real-time loop of its own, started and stopped around the class. */
abstract class LoopPublisherVerification<T> extends PublisherVerification<T> {
    /** Above this many elements the TCK wants an endless source (its Long.MAX_VALUE demand rules). */
    static final long ENDLESS = 1024;

    TckLoop tl;

    LoopPublisherVerification() {
        super(new TestEnvironment(2000, 50));
    }

    @BeforeClass
    public void startLoop() {
        tl = new TckLoop();
    }

    @AfterClass
    public void stopLoop() {
        tl.close();
    }
}
