package io.asyncio4j.reactor;

import io.asyncio4j.Asyncio;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** Reactive Streams TCK for {@link AsyncioReactor#mono(io.asyncio4j.EventLoop, io.asyncio4j.Coroutine)} (cold). */
public class MonoFromCoroutineTckTest extends PublisherVerification<Long> {
    private TckLoop tl;

    public MonoFromCoroutineTckTest() {
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
        return AsyncioReactor.mono(tl.loop, () -> {
            Asyncio.sleep(0);
            return elements == 0 ? null : elements;
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return AsyncioReactor.mono(tl.loop, () -> {
            throw new IllegalStateException("failed coroutine");
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
