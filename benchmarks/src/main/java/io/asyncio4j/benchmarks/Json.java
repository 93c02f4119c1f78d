package io.asyncio4j.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the harness: reading the flat objects runners print (string, number,
 * boolean and null values, no nesting) and writing flat objects for {@code latest.jsonl} (whose
 * header also carries lists of names).
 */
final class Json {
    private static final Pattern MEMBER =
            Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-+0-9.eE]+|true|false|null)");

    private Json() {}

    /** Parses a flat JSON object; strings stay strings, numbers become Doubles. */
    static Map<String, Object> parse(String line) {
        String s = line.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) throw new IllegalArgumentException("not a JSON object: " + line);
        Map<String, Object> out = new LinkedHashMap<>();
        Matcher m = MEMBER.matcher(s);
        while (m.find()) {
            String raw = m.group(2);
            Object value;
            if (m.group(3) != null) value = m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
            else if (raw.equals("true") || raw.equals("false")) value = Boolean.valueOf(raw);
            else if (raw.equals("null")) value = null;
            else value = Double.valueOf(raw);
            out.put(m.group(1), value);
        }
        return out;
    }

    /** Writes a flat object; values may be String, Number, Boolean, null or a list of strings. */
    static String write(Map<String, ?> members) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, ?> e : members.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            sb.append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            if (v == null) sb.append("null");
            else if (v instanceof Double d) sb.append(number(d));
            else if (v instanceof Number || v instanceof Boolean) sb.append(v);
            else if (v instanceof java.util.List<?> list) {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) sb.append(i == 0 ? "" : ",").append(quote(String.valueOf(list.get(i))));
                sb.append(']');
            }
            else sb.append(quote(v.toString()));
        }
        return sb.append('}').toString();
    }

    /** Four significant digits, never in exponent form; NaN and infinities become null. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return "null";
        if (d == 0) return "0";
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
