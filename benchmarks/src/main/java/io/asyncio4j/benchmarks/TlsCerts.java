package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tls suite's key and self-signed certificate, made afresh at the start of every run with the
 * {@code openssl} command into {@code benchmarks/target/tls/} (never committed): an ECDSA P-256
 * key, a certificate for {@code localhost} / {@code 127.0.0.1} valid for two days, as PEM
 * ({@code cert.pem}, {@code key.pem}: Python, Netty, the C client's trust anchor) and as a PKCS12
 * key store ({@code server.p12}, password {@link #PASSWORD}: asyncio4j).
 */
final class TlsCerts {
    /** The key store's password (a throwaway key for loopback only). */
    static final String PASSWORD = "changeit";

    private final Path dir;

    TlsCerts(Path dir) {
        this.dir = dir;
    }

    Path cert() {
        return dir.resolve("cert.pem");
    }

    Path key() {
        return dir.resolve("key.pem");
    }

    Path keyStore() {
        return dir.resolve("server.p12");
    }

    /** Makes the key, the certificate and the key store, replacing older ones. */
    void make() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (Path p : List.of(cert(), key(), keyStore())) Files.deleteIfExists(p);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key().toString(), "-out", cert().toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        openssl("pkcs12", "-export", "-in", cert().toString(), "-inkey", key().toString(), "-name", "server",
                "-out", keyStore().toString(), "-passout", "pass:" + PASSWORD);
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException("openssl failed (" + String.join(" ", cmd) + "): " + out.strip());
    }
}
