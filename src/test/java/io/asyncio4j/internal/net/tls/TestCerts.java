package io.asyncio4j.internal.net.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, made once per test JVM
 * with the {@code keytool} of the JDK that runs the tests (no key material is committed).
 */
public final class TestCerts {
    /** The keystore password. */
    public static final String PASSWORD = "changeit";
    private static Path dir;

    private TestCerts() {
    }

    /** {@return the directory holding server.p12 and cert.pem} */
    public static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("asyncio4j-tls");
                d.toFile().deleteOnExit();
                keytool(d, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                        "-keystore", d.resolve("server.p12").toString(), "-storetype", "PKCS12",
                        "-storepass", PASSWORD, "-keypass", PASSWORD);
                keytool(d, "-exportcert", "-rfc", "-alias", "server", "-keystore", d.resolve("server.p12").toString(),
                        "-storepass", PASSWORD, "-file", d.resolve("cert.pem").toString());
                for (String f : List.of("server.p12", "cert.pem")) {
                    d.resolve(f).toFile().deleteOnExit();
                }
                dir = d;
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the test certificate", e);
            }
        }
        return dir;
    }

    private static void keytool(Path d, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(d.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + cmd + "\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** {@return the server's certificate in PEM} */
    public static Path certPem() {
        return dir().resolve("cert.pem");
    }

    /** {@return a server context holding the localhost key} */
    public static SSLContext serverContext() {
        return serverContext("TLS");
    }

    /**
     * {@return a server context holding the localhost key}
     *
     * @param protocol e.g. "TLS", "TLSv1.2", "TLSv1.3"
     */
    public static SSLContext serverContext(String protocol) {
        try (InputStream in = Files.newInputStream(dir().resolve("server.p12"))) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance(protocol);
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a client context trusting only the test certificate} */
    public static SSLContext clientContext() {
        return clientContext("TLS");
    }

    /**
     * {@return a client context trusting only the test certificate}
     *
     * @param protocol e.g. "TLS", "TLSv1.2", "TLSv1.3"
     */
    public static SSLContext clientContext(String protocol) {
        try (InputStream in = Files.newInputStream(certPem())) {
            Certificate cert = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance(protocol);
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a client context with the JDK's default trust store, which does not trust the test certificate} */
    public static SSLContext defaultClientContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, null, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@return a client context that trusts any certificate for any name} The caller's explicit
     * opt-out of verification: it must be an {@code X509ExtendedTrustManager}, because the JDK
     * wraps a plain {@code X509TrustManager} and still checks the host name.
     */
    public static SSLContext trustAllClientContext() {
        javax.net.ssl.X509ExtendedTrustManager trustAll = new javax.net.ssl.X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, java.net.Socket s) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, java.net.Socket s) {
            }

            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine e) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine e) {
            }

            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[]{trustAll}, null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
