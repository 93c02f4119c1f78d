package io.asyncio4j.reactor;

import io.asyncio4j.Future;
import io.asyncio4j.Task;
import org.reactivestreams.Publisher;

import java.util.List;

/**
 * Reactive Streams TCK for {@link AsyncioReactor#zipSettled(Future[])}: always exactly one list
 * (a failed task's error sits in its slot), so there is no failed publisher and no empty one.
 */
public class ZipSettledTckTest extends LoopPublisherVerification<List<Object>> {

    @Override
    public Publisher<List<Object>> createPublisher(long elements) {
        Task<String> ok = tl.task(() -> "ok");
        Task<String> failed = tl.task(() -> {
            throw new IllegalStateException("settled");
        });
        return AsyncioReactor.zipSettled(ok, failed);
    }

    @Override
    public Publisher<List<Object>> createFailedPublisher() {
        return null; // zipSettled never fails
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }
}
