package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.streams.StreamPair;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The tutorial's {@code get_html()}: an HTTP/1.1 GET over {@code open_connection}, reading the
 * whole answer line by line ({@code async for data in reader}).
 */
final class HttpGet {
    private HttpGet() {
    }

    static String get(String url) {
        URI uri = URI.create(url);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StreamPair conn = Asyncio.openConnection(uri.getHost(), port);
        try {
            conn.writer().write(("GET " + path + " HTTP/1.1\r\nHost:" + uri.getHost()
                    + "\r\nConnection:close\r\nUser-Agent:asyncio4j-examples\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder datas = new StringBuilder();
            for (byte[] data : conn.reader().lines()) {      // async for data in reader
                datas.append(new String(data, StandardCharsets.UTF_8));
            }
            return datas.toString();
        } finally {
            conn.writer().close();
        }
    }
}
