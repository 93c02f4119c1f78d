package io.asyncio4j;

import java.util.List;
import java.util.stream.Collectors;

/** Formats values the way Python's {@code str()} of a list would, so traces compare as text. */
final class Py {
    private Py() {
    }

    static String repr(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof String s) {
            return "'" + s + "'";
        }
        if (o instanceof List<?> l) {
            return l.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(o);
    }

    static String str(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return o instanceof List<?> ? repr(o) : String.valueOf(o);
    }
}
