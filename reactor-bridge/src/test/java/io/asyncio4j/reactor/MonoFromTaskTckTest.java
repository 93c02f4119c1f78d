package io.asyncio4j.reactor;

import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.reactivestreams.tck.TestEnvironment;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** Reactive Streams TCK for {@link AsyncioReactor#mono(io.asyncio4j.Future)} (a hot task). */
public class MonoFromTaskTckTest extends PublisherVerification<String> {
    private TckLoop tl;

    public MonoFromTaskTckTest() {
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
    public Publisher<String> createPublisher(long elements) {
        return AsyncioReactor.mono(tl.task(() -> elements == 0 ? null : "value"));
    }

    @Override
    public Publisher<String> createFailedPublisher() {
        return AsyncioReactor.mono(tl.task(() -> {
            throw new IllegalStateException("failed task");
        }));
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
