package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;

/**
 * Tutorial, "asyncio的基础使用" §1, "yield from 用法": {@code get_html} written as a
 * generator-based coroutine ({@code @asyncio.coroutine} + {@code yield from asyncio.sleep(2)}) and
 * run with {@code loop.run_until_complete}.
 *
 * <p>Java has one coroutine style; the generator-based one maps to a <em>coroutine function</em>:
 * a method that returns a {@link Coroutine} and does nothing until the loop runs it.
 */
public final class GetHtmlGeneratorStyle {
    private GetHtmlGeneratorStyle() {
    }

    static Coroutine<Void> getHtml(String url) {
        return () -> {
            System.out.println("start get url " + url);
            Asyncio.sleep(Pace.seconds(2));
            System.out.println("end get url " + url);
            return null;
        };
    }

    /**
     * Runs the example.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        EventLoop loop = Asyncio.getEventLoop();
        try {
            loop.runUntilComplete(getHtml("sadf"));
        } finally {
            loop.close();
        }
    }
}
