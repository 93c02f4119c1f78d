package io.asyncio4j.conformance.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans Java test trees for test methods and for the CPython tests their comments cite. A
 * citation is a {@code test_<module>.py} mention in a comment followed, in the same comment and
 * before the next module mention, by test names ({@code test_x} or {@code Class.test_x}; names
 * ending in {@code *} are summaries and cite nothing). It belongs to the method the comment
 * documents (the comment just before it) or sits in, else to the class it documents. Classes are
 * found by simple name, so the ledger survives moving tests between packages.
 */
final class JavaTestScanner {
    /** A Java method: its class's simple name, name, and whether JUnit runs it as a test. */
    record JavaMethod(String className, String name, boolean test, Path file) {
        /** The reference the ledger prints, {@code ClassName#method}. */
        String ref() {
            return className + "#" + name;
        }
    }

    /**
     * A CPython test named in a Java comment.
     *
     * @param modules   the CPython modules it may belong to, e.g. {@code [test_tasks]}: the one mentioned
     *                  before it, else those its comment and its class's javadoc mention
     * @param className the CPython class the comment names for it or for a name before it, else null
     * @param explicitClass whether the class is written on this very name
     * @param method    the CPython test method
     * @param target    the Java method the comment belongs to, or null for a class-level comment
     * @param where     file and line, for error messages
     */
    record Citation(List<String> modules, String className, String method, boolean explicitClass,
                    JavaMethod target, String where) {
        /** The module when the citation names exactly one (the usual case). */
        String module() {
            return modules.get(0);
        }
    }

    private static final Pattern MODULE = Pattern.compile("\\b(test_\\w+)\\.py\\b");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])(?:(_?[A-Z]\\w*)\\.)?(test_\\w+)\\b(?![*\\w])(?!\\.\\w)");
    private static final Pattern CLASS_DECL = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");
    private static final Pattern METHOD_DECL = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*"
                    + "(?:<[^>]*>\\s*)?[\\w.<>\\[\\]?, ]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(?:org\\.junit\\.jupiter\\.api\\.)?(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "return", "new",
            "throw", "else", "try", "synchronized", "assert", "yield");

    private final List<JavaMethod> methods = new ArrayList<>();
    private final List<Citation> citations = new ArrayList<>();

    /** Scans every {@code .java} file under the given roots (roots that do not exist are skipped). */
    static JavaTestScanner scan(List<Path> roots) throws IOException {
        JavaTestScanner scanner = new JavaTestScanner();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            }
            for (Path file : files) {
                scanner.scanFile(file, Files.readString(file));
            }
        }
        return scanner;
    }

    /** The simple names of the enclosing classes, outermost first: {@code QueueJoinTest.Mixin}. */
    private static String qualifiedName(Deque<String> classNames) {
        List<String> outerFirst = new ArrayList<>(classNames);
        java.util.Collections.reverse(outerFirst);
        return String.join(".", outerFirst);
    }

    /** Scans one file's text (for the scanner's own test). */
    static JavaTestScanner scanText(Path file, String text) {
        JavaTestScanner scanner = new JavaTestScanner();
        scanner.scanFile(file, text);
        return scanner;
    }

    /** Every method found in the trees. */
    List<JavaMethod> methods() {
        return methods;
    }

    /** Every citation found in the trees' comments. */
    List<Citation> citations() {
        return citations;
    }

    /** A member found at class-body depth: a method (with its body's lines) or a nested class. */
    private record Member(int firstLine, int declLine, int bodyEnd, JavaMethod method, String className) {
    }

    private void scanFile(Path file, String text) {
        JavaSource src = JavaSource.lex(text);
        List<Member> members = new ArrayList<>();
        Deque<int[]> classDepths = new ArrayDeque<>(); // {depth of the class body}
        Deque<String> classNames = new ArrayDeque<>();
        String pendingClass = null;
        int pendingClassLine = 0;
        boolean pendingTest = false;
        int memberStart = 0;
        // a declared method waiting for its body: {declLine, firstLine}
        JavaMethod openMethod = null;
        int openDecl = 0;
        int openFirst = 0;
        int bodyDepth = -1;
        int bodyStartIndex = -1;
        int depth = 0;
        for (int ln = 1; ln <= src.lineCount(); ln++) {
            String code = src.code(ln);
            boolean atMemberLevel = !classDepths.isEmpty() && depth == classDepths.peek()[0] && openMethod == null
                    && bodyDepth < 0;
            if (atMemberLevel && !code.isBlank()) {
                if (memberStart == 0) {
                    memberStart = ln;
                }
                if (TEST_ANNOTATION.matcher(code).find()) {
                    pendingTest = true;
                }
                Matcher cls = CLASS_DECL.matcher(code);
                Matcher m = METHOD_DECL.matcher(code);
                if (cls.find() && (!m.find() || cls.start() < m.start(1))) {
                    members.add(new Member(memberStart, ln, ln, null, cls.group(1)));
                } else if (m.reset().find() && !NOT_METHODS.contains(m.group(1))) {
                    openMethod = new JavaMethod(qualifiedName(classNames), m.group(1), pendingTest, file);
                    openDecl = ln;
                    openFirst = memberStart;
                }
            } else if (classDepths.isEmpty() && !code.isBlank() && memberStart == 0) {
                memberStart = ln;
            }
            for (int k = 0; k < code.length(); k++) {
                char c = code.charAt(k);
                if (c == '{') {
                    depth++;
                    Matcher cls = CLASS_DECL.matcher(code.substring(0, k));
                    if (openMethod == null && bodyDepth < 0 && cls.find()) {
                        String name = cls.group(1);
                        while (cls.find()) {
                            name = cls.group(1);
                        }
                        pendingClass = name;
                        pendingClassLine = ln;
                    }
                    if (pendingClass != null && openMethod == null && bodyDepth < 0) {
                        if (classDepths.isEmpty()) {
                            members.add(new Member(memberStart == 0 ? pendingClassLine : memberStart, pendingClassLine,
                                    pendingClassLine, null, pendingClass));
                        }
                        classDepths.push(new int[] {depth});
                        classNames.push(pendingClass);
                        pendingClass = null;
                        memberStart = 0;
                        pendingTest = false;
                    } else if (openMethod != null && bodyDepth < 0) {
                        bodyDepth = depth - 1;
                        bodyStartIndex = members.size();
                        members.add(new Member(openFirst, openDecl, Integer.MAX_VALUE, openMethod, null));
                        openMethod = null;
                    }
                } else if (c == '}') {
                    depth--;
                    if (bodyDepth >= 0 && depth == bodyDepth) {
                        Member open = members.get(bodyStartIndex);
                        members.set(bodyStartIndex, new Member(open.firstLine(), open.declLine(), ln, open.method(), null));
                        methods.add(open.method());
                        bodyDepth = -1;
                        memberStart = 0;
                        pendingTest = false;
                    } else if (!classDepths.isEmpty() && depth < classDepths.peek()[0]) {
                        classDepths.pop();
                        classNames.pop();
                        memberStart = 0;
                        pendingTest = false;
                    }
                } else if (c == ';' && !classDepths.isEmpty() && depth == classDepths.peek()[0] && bodyDepth < 0) {
                    openMethod = null; // a field or an abstract method
                    memberStart = 0;
                    pendingTest = false;
                }
            }
            if (pendingClass == null) {
                Matcher cls = CLASS_DECL.matcher(code);
                if (openMethod == null && bodyDepth < 0 && cls.find() && !code.contains("{")) {
                    pendingClass = cls.group(1);
                    pendingClassLine = ln;
                }
            }
        }
        List<JavaSource.Comment> attributed = new ArrayList<>();
        List<JavaMethod> targets = new ArrayList<>();
        List<String> classModules = new ArrayList<>();
        for (JavaSource.Comment comment : src.comments()) {
            Member member = memberOf(comment, members);
            if (member == null) {
                continue; // after the last member: a closing note at most
            }
            attributed.add(comment);
            targets.add(member.method());
            if (member.method() == null) {
                Matcher module = MODULE.matcher(comment.text());
                while (module.find()) {
                    if (!classModules.contains(module.group(1))) {
                        classModules.add(module.group(1));
                    }
                }
            }
        }
        for (int i = 0; i < attributed.size(); i++) {
            addCitations(attributed.get(i), targets.get(i), file, targets.get(i) == null ? List.of() : classModules);
        }
    }

    /** The member a comment documents (it comes just before it) or sits in (a method's body). */
    private static Member memberOf(JavaSource.Comment comment, List<Member> members) {
        for (Member member : members) {
            boolean documents = member.firstLine() > comment.lastLine()
                    || member.firstLine() <= comment.firstLine() && comment.firstLine() <= member.declLine();
            boolean inside = member.method() != null && member.declLine() <= comment.firstLine()
                    && comment.firstLine() <= member.bodyEnd();
            if (documents || inside) {
                return member;
            }
        }
        return null;
    }

    private void addCitations(JavaSource.Comment comment, JavaMethod target, Path file, List<String> classModules) {
        String text = comment.text();
        List<String> commentModules = new ArrayList<>();
        List<Integer> mentionEnds = new ArrayList<>();
        Matcher module = MODULE.matcher(text);
        while (module.find()) {
            commentModules.add(module.group(1));
            mentionEnds.add(module.end());
        }
        // Names before the comment's first module mention: any module the comment or its class names.
        List<String> unscoped = new ArrayList<>(commentModules);
        classModules.stream().filter(m -> !unscoped.contains(m)).forEach(unscoped::add);
        Matcher name = NAME.matcher(text);
        String lastClass = null;
        int lastSpan = -1;
        while (name.find()) {
            int span = -1;
            while (span + 1 < mentionEnds.size() && mentionEnds.get(span + 1) <= name.start()) {
                span++;
            }
            if (span != lastSpan) {
                lastClass = null;
                lastSpan = span;
            }
            if (name.group(1) != null) {
                lastClass = name.group(1);
            }
            List<String> modules = span < 0 ? unscoped : List.of(commentModules.get(span));
            if (modules.isEmpty() || name.group(2).equals("test_asyncio") || name.group(2).endsWith("_")) {
                continue; // the package, or a family of tests ("test_create_connection_...")
            }
            int line = comment.firstLine() + (int) text.substring(0, name.start()).chars().filter(c -> c == '\n').count();
            citations.add(new Citation(modules, lastClass, name.group(2), name.group(1) != null, target,
                    file.getFileName() + ":" + line));
        }
    }
}
