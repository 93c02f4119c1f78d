package io.asyncio4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The registry of implementations: finds the interpreters, binaries and classes each peer needs
 * and builds every suite's list of {@link Impl}s, marking the ones that cannot run as missing
 * (with the install command) or pending (asyncio4j runners not built yet).
 *
 * <p>asyncio4j runners live in {@code io.asyncio4j.benchmarks.asyncio4j}; an entry whose class is
 * not on the class path is reported as pending rather than failing the run.
 */
final class Peers {
    /** Package of the asyncio4j runners. */
    static final String ASYNCIO4J = "io.asyncio4j.benchmarks.asyncio4j.";
    private static final String PEERS = "io.asyncio4j.benchmarks.peers.";
    /** The kotlinx-coroutines runner, compiled from {@code src/main/kotlin} by kotlin-maven-plugin. */
    static final String KOTLINX = "io.asyncio4j.benchmarks.kotlinx.KotlinxBench";
    /** JVM flags of asyncio4j's strand modes (DESIGN §2; the root pom's fast/portable argLine). */
    static final List<String> FAST = List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dasyncio4j.strands=fast");
    static final List<String> PORTABLE = List.of("-Dasyncio4j.strands=portable");
    /**
     * Heap flags of every JVM implementation in the tasks suite (asyncio4j in both modes, virtual
     * threads, the continuation floor): a young generation with room for the 100 000 tasks that
     * the gather case keeps alive at once (about 1.2 KB each), so that a run is not billed for
     * G1 copying its live stacks between survivor spaces a few times (README "Profile").
     */
    static final List<String> TASKS_HEAP = List.of("-Xmn1g");

    private final Path home;
    private final String java;
    private final String classPath;
    private final String cpython;      // null when not found
    private final String uvloopPython; // null when uvloop cannot be imported
    private final boolean hasOpenssl;
    private final Map<String, String> versions = new LinkedHashMap<>();

    Peers(Path home) {
        this.home = home;
        this.java = ProcessHandle.current().info().command().orElse("java");
        this.classPath = System.getProperty("java.class.path");
        this.cpython = findCPython();
        this.uvloopPython = findUvloop();
        versions.put("jdk", System.getProperty("java.runtime.version"));
        if (cpython != null) versions.put("cpython", pythonVersion(cpython) + " (" + cpython + ")");
        if (uvloopPython != null) {
            versions.put("uvloop", probe(uvloopPython, "import uvloop,sys; print(uvloop.__version__, 'on CPython', sys.version.split()[0])")
                    + " (" + uvloopPython + ")");
        }
        versions.put("kotlinx", kotlinxVersion(classPath));
        versions.put("netty", io.netty.util.Version.identify().values().stream()
                .filter(v -> v.artifactId().equals("netty-transport")).map(v -> v.artifactVersion()).findFirst().orElse("?"));
        versions.put("gcc", probeCommand(List.of("gcc", "-dumpfullversion")));
        String openssl = probeCommand(List.of("openssl", "version"));
        this.hasOpenssl = !openssl.isEmpty();
        versions.put("openssl", openssl);
        versions.put("netty_tcnative", tcnativeVersion());
    }

    /** Interpreter and library versions for the results header. */
    Map<String, String> versions() {
        return versions;
    }

    // ---- suites -------------------------------------------------------------------------------

    List<Impl> tasks() {
        return List.of(
                asyncio4j("asyncio4j-fast", "Asyncio4jTasksBench", plus(TASKS_HEAP, FAST)),
                asyncio4j("asyncio4j-portable", "Asyncio4jTasksBench", plus(TASKS_HEAP, PORTABLE)),
                python("cpython", "tasks_bench.py", false),
                python("uvloop", "tasks_bench.py", true),
                kotlinx(TASKS_HEAP),
                jvm("jdk-vthreads", PEERS + "VirtualThreadTasksBench", TASKS_HEAP),
                jvm("jdk-continuation", PEERS + "ContinuationFloorBench",
                        plus(TASKS_HEAP, List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED")))
                        .onlyCases("pingpong", "gather"));
    }

    List<Impl> timers() {
        return List.of(
                asyncio4j("asyncio4j-fast", "Asyncio4jTimersBench", FAST),
                asyncio4j("asyncio4j-portable", "Asyncio4jTimersBench", PORTABLE),
                python("cpython", "tasks_bench.py", false),
                python("uvloop", "tasks_bench.py", true),
                kotlinx(List.of()),
                jvm("jdk-scheduled-executor", PEERS + "ScheduledExecutorTimersBench", List.of()));
    }

    List<Impl> sync() {
        return List.of(
                asyncio4j("asyncio4j-fast", "Asyncio4jSyncBench", FAST),
                asyncio4j("asyncio4j-portable", "Asyncio4jSyncBench", PORTABLE),
                python("cpython", "sync_bench.py", false),
                python("uvloop", "sync_bench.py", true));
    }

    List<Impl> bridge() {
        return List.of(
                asyncio4j("asyncio4j-fast", "Asyncio4jBridgeBench", FAST),
                asyncio4j("asyncio4j-portable", "Asyncio4jBridgeBench", PORTABLE));
    }

    /** Echo servers; the suite appends {@code --port P}. */
    List<Impl> echoServers() {
        List<Impl> servers = new ArrayList<>();
        Path cServer = home.resolve("target/echo_server");
        servers.add(Files.isExecutable(cServer)
                ? Impl.ready("c-epoll", List.of(cServer.toString()))
                : Impl.missing("c-epoll", "apt-get install -y gcc (benchmarks/run compiles it)"));
        for (String mode : List.of("protocol", "streams", "streams-into", "flux")) {
            Impl a = asyncio4j("asyncio4j-" + mode, "Asyncio4jEchoServer", FAST);
            servers.add(withArgs(a, "--mode", mode));
        }
        for (String mode : List.of("protocol", "streams")) {
            servers.add(withArgs(python("cpython-" + mode, "echo_server.py", false), "--mode", mode));
            servers.add(withArgs(python("uvloop-" + mode, "echo_server.py", true), "--mode", mode));
        }
        List<String> native_ = List.of("--enable-native-access=ALL-UNNAMED");
        servers.add(withArgs(jvm("netty-nio", PEERS + "NettyEchoServer", native_), "--transport", "nio"));
        servers.add(withArgs(jvm("netty-epoll", PEERS + "NettyEchoServer", native_), "--transport", "epoll"));
        return servers;
    }

    /** The TLS 1.3 cipher suite of the tls suite: every server must negotiate it with the client. */
    static final String TLS_CIPHER = "TLS_AES_128_GCM_SHA256";

    /** The tls suite's key and certificate (made by the suite when it starts). */
    TlsCerts tlsCerts() {
        return new TlsCerts(home.resolve("target/tls"));
    }

    /**
     * TLS echo servers; the suite appends {@code --port P}. JVM servers also get
     * {@code -Djdk.tls.server.cipherSuites} so the JDK engine offers nothing but {@link #TLS_CIPHER}.
     */
    List<Impl> tlsServers() {
        TlsCerts certs = tlsCerts();
        if (!hasOpenssl) {
            String install = "apt-get install -y openssl (makes the certificate)";
            return List.of("asyncio4j-protocol", "asyncio4j-streams", "asyncio4j-streams-into", "netty-jdk", "netty-boringssl", "cpython-protocol",
                    "uvloop-protocol").stream().map(n -> Impl.missing(n, install)).toList();
        }
        List<String> pinned = List.of("-Djdk.tls.server.cipherSuites=" + TLS_CIPHER);
        List<String> fast = new ArrayList<>(FAST);
        fast.addAll(pinned);
        String[] p12 = {"--keystore", certs.keyStore().toString(), "--password", TlsCerts.PASSWORD};
        String[] pem = {"--certfile", certs.cert().toString(), "--keyfile", certs.key().toString()};
        List<Impl> servers = new ArrayList<>();
        for (String mode : List.of("protocol", "streams", "streams-into")) {
            Impl a = withArgs(asyncio4j("asyncio4j-" + mode, "Asyncio4jEchoServer", fast), "--mode", mode);
            servers.add(withArgs(a, p12));
        }
        List<String> netty = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        netty.addAll(pinned);
        for (String provider : List.of("jdk", "openssl")) {
            String name = provider.equals("jdk") ? "netty-jdk" : "netty-boringssl";
            if (provider.equals("openssl") && versions.get("netty_tcnative").startsWith("unavailable")) {
                servers.add(Impl.missing(name, "netty-tcnative-boringssl-static (a Maven dependency) has no native "
                        + "library for this platform; the benchmarks pom pulls the linux-x86_64 one"));
                continue;
            }
            Impl n = jvm(name, PEERS + "NettyEchoServer", netty);
            n = withArgs(n, "--transport", "nio", "--tls-provider", provider, "--cipher", TLS_CIPHER);
            servers.add(withArgs(n, pem));
        }
        servers.add(withArgs(python("cpython-protocol", "echo_server.py", false), pem));
        servers.add(withArgs(python("uvloop-protocol", "echo_server.py", true), pem));
        return servers;
    }

    /** The TLS build of the C client with its fixed options, or null when it was not compiled. */
    List<String> tlsClient() {
        Path client = home.resolve("target/echo_client_tls");
        if (!Files.isExecutable(client)) return null;
        return List.of(client.toString(), "--tls", "1", "--cipher", TLS_CIPHER, "--cafile", tlsCerts().cert().toString());
    }

    /** The closed-loop C client, or null when it was not compiled. */
    Path echoClient() {
        Path client = home.resolve("target/echo_client");
        return Files.isExecutable(client) ? client : null;
    }

    // ---- builders -----------------------------------------------------------------------------

    private Impl jvm(String name, String mainClass, List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classPath));
        cmd.addAll(jvmArgs);
        cmd.add(mainClass);
        return Impl.ready(name, cmd);
    }

    private Impl asyncio4j(String name, String simpleName, List<String> jvmArgs) {
        String className = ASYNCIO4J + simpleName;
        try {
            Class.forName(className, false, Peers.class.getClassLoader());
            return jvm(name, className, jvmArgs);
        } catch (ClassNotFoundException | LinkageError e) {
            return Impl.pending(name, className + " is not on the class path");
        }
    }

    /**
     * The kotlinx-coroutines peer; reported as missing (not fatal) when the Kotlin part of the
     * module was not compiled, e.g. a build made without the kotlin-maven-plugin execution.
     */
    private Impl kotlinx(List<String> jvmArgs) {
        try {
            Class.forName(KOTLINX, false, Peers.class.getClassLoader());
            Class.forName("kotlinx.coroutines.BuildersKt", false, Peers.class.getClassLoader());
            return jvm("kotlinx", KOTLINX, jvmArgs);
        } catch (ClassNotFoundException | LinkageError e) {
            return Impl.missing("kotlinx", "nothing to install: kotlin-maven-plugin builds it with the module "
                    + "(mvn -pl benchmarks -am package); " + KOTLINX + " or Kotlin's runtime is not on the class path ("
                    + e + ")");
        }
    }

    private Impl python(String name, String script, boolean uvloop) {
        String interpreter = uvloop ? uvloopPython : cpython;
        if (interpreter == null) {
            return Impl.missing(name, uvloop ? "apt-get install -y python3-uvloop   (used with /usr/bin/python3; benchmarks/run does it when root)"
                                             : "apt-get install -y python3");
        }
        List<String> cmd = new ArrayList<>(List.of(interpreter, home.resolve("peers/python/" + script).toString()));
        if (uvloop) cmd.add("--uvloop");
        return Impl.ready(name, cmd);
    }

    private static List<String> plus(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Impl withArgs(Impl impl, String... args) {
        if (!impl.runnable()) return impl;
        List<String> cmd = new ArrayList<>(impl.command());
        cmd.addAll(List.of(args));
        return new Impl(impl.name(), cmd, impl.status(), impl.note(), impl.cases());
    }

    /** The BoringSSL build netty-tcnative loaded, or why it could not. */
    private static String tcnativeVersion() {
        try {
            return io.netty.handler.ssl.OpenSsl.isAvailable() ? io.netty.handler.ssl.OpenSsl.versionString()
                    : "unavailable: " + io.netty.handler.ssl.OpenSsl.unavailabilityCause();
        } catch (LinkageError e) {
            return "unavailable: " + e;
        }
    }

    // ---- discovery ----------------------------------------------------------------------------

    /** The newest CPython >= 3.12 we can find (pyenv installs included), else any python3. */
    private static String findCPython() {
        List<String> candidates = new ArrayList<>();
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> dirs = Files.list(pyenv)) {
                dirs.map(d -> d.resolve("bin/python3")).filter(Files::isExecutable)
                        .sorted(Comparator.comparing(Peers::versionKey).reversed())
                        .forEach(p -> candidates.add(p.toString()));
            } catch (IOException ignored) {
                // no pyenv versions
            }
        }
        candidates.addAll(List.of("python3.14", "python3.13", "python3.12", "/usr/bin/python3", "python3"));
        for (String c : candidates) {
            String v = pythonVersion(c);
            if (!v.isEmpty() && versionKey(v) >= versionKey("3.12")) return c;
        }
        for (String c : candidates) if (!pythonVersion(c).isEmpty()) return c;
        return null;
    }

    /**
     * The first interpreter that can {@code import uvloop}. Debian's python3-uvloop installs for
     * {@code /usr/bin/python3} (Debian's own Python), which is not the {@code python3} on PATH when
     * pyenv is set up, so that one is probed first; then {@code python3} on PATH and pyenv's
     * versions (a {@code pip install uvloop} there).
     */
    private static String findUvloop() {
        List<String> candidates = new ArrayList<>(List.of("/usr/bin/python3", "python3"));
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv/versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> dirs = Files.list(pyenv)) {
                dirs.map(d -> d.resolve("bin/python3")).filter(Files::isExecutable).sorted().forEach(p -> candidates.add(p.toString()));
            } catch (IOException ignored) {
                // no pyenv versions
            }
        }
        for (String c : candidates) {
            if (probe(c, "import uvloop; print('ok')").equals("ok")) return c;
        }
        return null;
    }

    /** kotlinx-coroutines' and Kotlin's versions, read off the jars on the class path. */
    private static String kotlinxVersion(String classPath) {
        String coroutines = jarVersion(classPath, "kotlinx-coroutines-core-jvm");
        String kotlin = jarVersion(classPath, "kotlin-stdlib");
        return coroutines.isEmpty() ? "" : coroutines + " (Kotlin " + kotlin + ")";
    }

    private static String jarVersion(String classPath, String artifact) {
        for (String entry : classPath.split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            if (file.startsWith(artifact + "-") && file.endsWith(".jar")) {
                String version = file.substring(artifact.length() + 1, file.length() - 4);
                if (!version.isEmpty() && Character.isDigit(version.charAt(0))) return version;
            }
        }
        return "";
    }

    private static long versionKey(Object pathOrVersion) {
        String s = pathOrVersion.toString().replaceAll(".*versions/", "").replaceAll("/bin/python3$", "");
        String[] parts = s.split("\\.");
        long key = 0;
        for (int i = 0; i < 3; i++) {
            long part = 0;
            if (i < parts.length) {
                try {
                    part = Long.parseLong(parts[i].replaceAll("\\D.*", ""));
                } catch (NumberFormatException e) {
                    part = 0;
                }
            }
            key = key * 1000 + part;
        }
        return key;
    }

    private static String pythonVersion(String interpreter) {
        return probe(interpreter, "import sys; print(sys.version.split()[0])");
    }

    private static String probe(String interpreter, String code) {
        return probeCommand(List.of(interpreter, "-c", code));
    }

    private static String probeCommand(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            return p.exitValue() == 0 ? out : "";
        } catch (IOException | IllegalThreadStateException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
