package io.asyncio4j.conformance.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * A Java source file split by a small lexer into its code (per line, with comments removed and
 * string contents blanked) and its comments (consecutive {@code //} lines merged into one), so that
 * the ledger can read citations in comments and find declarations in code without being fooled
 * by braces or {@code test_} words inside strings.
 */
final class JavaSource {
    /** A comment and the lines it spans (1-based, inclusive). */
    record Comment(int firstLine, int lastLine, String text, boolean lineComment) {
    }

    private final List<String> codeLines = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    private JavaSource() {
    }

    /** Lexes one file's text. */
    static JavaSource lex(String text) {
        JavaSource src = new JavaSource();
        StringBuilder code = new StringBuilder();
        StringBuilder comment = null;
        int commentStart = 0;
        boolean lineComment = false;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (comment != null) {
                if (lineComment && c == '\n') {
                    src.addComment(commentStart, line, comment.toString(), true, code.toString().isBlank());
                    comment = null;
                    continue; // the newline is handled as code
                }
                if (!lineComment && c == '*' && i + 1 < n && text.charAt(i + 1) == '/') {
                    src.addComment(commentStart, line, comment.toString(), false, false);
                    comment = null;
                    i += 2;
                    continue;
                }
                if (c == '\n') {
                    src.codeLines.add(code.toString());
                    code.setLength(0);
                    line++;
                }
                comment.append(c);
                i++;
                continue;
            }
            if (c == '\n') {
                src.codeLines.add(code.toString());
                code.setLength(0);
                line++;
                i++;
            } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
                lineComment = text.charAt(i + 1) == '/';
                comment = new StringBuilder();
                commentStart = line;
                i += 2;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        src.codeLines.add(code.toString());
                        code.setLength(0);
                        line++;
                    }
                }
                code.append("\"\"");
                i = Math.min(n, end + 3);
            } else if (c == '"' || c == '\'') {
                int k = i + 1;
                while (k < n && text.charAt(k) != c && text.charAt(k) != '\n') {
                    k += text.charAt(k) == '\\' ? 2 : 1;
                }
                code.append(c).append(c);
                i = Math.min(n, k + 1);
            } else {
                code.append(c);
                i++;
            }
        }
        if (comment != null) {
            src.addComment(commentStart, line, comment.toString(), lineComment, false);
        }
        src.codeLines.add(code.toString());
        return src;
    }

    private void addComment(int first, int last, String text, boolean lineComment, boolean aloneOnLine) {
        if (lineComment && aloneOnLine && !comments.isEmpty()) {
            Comment prev = comments.get(comments.size() - 1);
            if (prev.lineComment() && prev.lastLine() == first - 1) {
                comments.set(comments.size() - 1, new Comment(prev.firstLine(), last, prev.text() + "\n" + text, true));
                return;
            }
        }
        comments.add(new Comment(first, last, text, lineComment));
    }

    /** The code of line {@code n} (1-based) without its comments; string contents are blanked. */
    String code(int n) {
        return n - 1 < codeLines.size() ? codeLines.get(n - 1) : "";
    }

    /** The number of lines. */
    int lineCount() {
        return codeLines.size();
    }

    /** Every comment, in order. */
    List<Comment> comments() {
        return comments;
    }
}
