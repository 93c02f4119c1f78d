package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** Reactive Streams TCK for {@link AsyncioReactor#flux(io.asyncio4j.EventLoop, io.asyncio4j.reactor.Generator)}. */
public class GeneratorFluxTckTest extends PublisherVerification<Long> {
    private TckLoop tl;

    public GeneratorFluxTckTest() {
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

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return AsyncioReactor.flux(tl.loop, out -> {
            for (long i = 0; i < elements; i++) {
                out.emit(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return AsyncioReactor.flux(tl.loop, out -> {
            throw new IllegalStateException("failed generator");
        });
    }
}
