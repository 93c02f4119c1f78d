package io.asyncio4j.examples;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every {@code ```java} block of the top-level README.md compiles as written, against core, the
 * Reactor bridge and reactor-core (this module's test class path), with {@code import static
 * io.asyncio4j.Asyncio.*} as the README's tour says. A block is wrapped in a class:
 * its {@code import} lines go on top, top-level type and {@code static} method declarations become
 * members, the rest becomes the body of an instance method of a class whose fields name the free
 * variables the README's fragments use ({@code loop}, {@code reader}, {@code writer}, {@code work}, {@code taskA},
 * {@code taskB}, {@code conn}, {@code other}, {@code queue}), next to stub helpers ({@code fetch},
 * {@code log}, {@code process}, {@code reloadConfig}, {@code Job}, and the types and names the
 * bridge section uses). Blocks fenced
 * {@code ```java-fragment} are not compiled.
 */
class ReadmeSnippetsTest {
    private static final String IMPORTS = """
            import io.asyncio4j.*;
            import io.asyncio4j.streams.*;
            import io.asyncio4j.sync.*;
            import io.asyncio4j.transports.*;
            import io.asyncio4j.subprocess.*;
            import io.asyncio4j.testing.*;
            import io.asyncio4j.reactor.*;
            import reactor.core.publisher.*;
            import java.net.*;
            import java.net.http.*;
            import java.nio.ByteBuffer;
            import java.time.Duration;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.ArrayList;
            import java.util.concurrent.CompletableFuture;
            import javax.net.ssl.*;
            import static java.nio.charset.StandardCharsets.UTF_8;
            import static io.asyncio4j.Asyncio.*;
            import static io.asyncio4j.reactor.AsyncioReactor.*;
            import reactor.core.scheduler.Schedulers;
            import reactor.util.function.*;
            import reactor.util.retry.Retry;
            import reactor.test.StepVerifier;
            import reactor.test.scheduler.VirtualTimeScheduler;
            import java.nio.channels.*;
            import java.nio.file.*;
            """;

    private static final String HELPERS = """
                static String fetch(String what) { return what; }
                static void log(Object o) { }
                static void process(String job) { }
                static void reloadConfig() { }
                record Job(String name) { }
                EventLoop loop;
                StreamReader reader;
                StreamWriter writer;
                io.asyncio4j.Future<?> work;
                Task<String> taskA;
                Task<String> taskB;
                StreamPair conn;
                StreamPair other;
                io.asyncio4j.sync.Queue<Job> queue;
                record User() { }
                record Order() { }
                record Stats() { }
                record Report(Stats stats) { }
                static Stats loadStats() { return new Stats(); }
                static void writeAuditLog() { }
                static void cleanUp() { }
                void store(String page) { }
                static final ContextVar<String> USER = new ContextVar<>("user");
                static final class MyReader implements ReadPipeProtocol { }
                static final class MyWriter implements BaseProtocol<WriteTransport> { }
                Task<User> userTask;
                Task<Order> orderTask;
                Task<String> a, b, c;
                List<String> urls;
                Pipe pipe;
                Path fifo;
            """;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        if (!Files.exists(readme)) {
            readme = Path.of("README.md");
        }
        List<String> lines = Files.readAllLines(readme);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```java")) {
                int start = i + 1;
                int end = start;
                while (!lines.get(end).strip().startsWith("```")) {
                    end++;
                }
                List<String> block = lines.subList(start, end);
                int lineNo = start;
                tests.add(DynamicTest.dynamicTest("README.md line " + lineNo, () -> compile(lineNo, block)));
                i = end;
            }
        }
        assertFalse(tests.isEmpty(), "no ```java block found in " + readme);
        return tests.stream();
    }

    private static void compile(int lineNo, List<String> block) {
        StringBuilder imports = new StringBuilder(IMPORTS);
        StringBuilder members = new StringBuilder();
        StringBuilder body = new StringBuilder();
        boolean inMember = false;
        for (String line : block) {
            if (!inMember && line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else if (!inMember && (line.startsWith("class ") || line.startsWith("record ")
                    || line.startsWith("interface ") || line.startsWith("static "))) {
                inMember = !line.stripTrailing().endsWith("}");
                members.append(line).append('\n');
            } else if (inMember) {
                members.append(line).append('\n');
                if (line.equals("}")) {
                    inMember = false;
                }
            } else {
                body.append(line).append('\n');
            }
        }
        String name = "Snippet" + lineNo;
        String source = "package snippets;\n" + imports + "@SuppressWarnings(\"all\")\nclass " + name + " {\n" + HELPERS
                + members + "    void snippet() throws Exception {\n" + body + "    }\n}\n";
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///snippets/" + name + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter out = new StringWriter();
        Path classes;
        try {
            classes = Files.createTempDirectory("readme-snippet");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        boolean ok = javac.getTask(out, null, diagnostics,
                List.of("-proc:none", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")),
                null, List.of(file)).call();
        if (!ok) {
            StringBuilder msg = new StringBuilder("README.md block at line " + lineNo + " does not compile:\n");
            diagnostics.getDiagnostics().forEach(d -> msg.append("  snippet line ").append(d.getLineNumber())
                    .append(": ").append(d.getMessage(null)).append('\n'));
            msg.append("--- generated source ---\n").append(source);
            fail(msg.toString());
        }
    }
}
