package io.aerolog.core.geo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded JSON reader for GeoJSON text (the core module builds on no JSON library): objects as maps,
 * arrays as lists, integers as {@link Long}, other numbers as {@link Double} (GeoJSON's coordinates may be
 * either, as jansson reads them for Aerospike), strings, booleans and null. Depth is bounded; any syntax error
 * is an {@link InvalidGeoJsonException} saying where.
 */
final class GeoJsonReader {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int i;

    private GeoJsonReader(String s) {
        this.s = s;
    }

    static Object read(String text) {
        GeoJsonReader r = new GeoJsonReader(text);
        Object v = r.value(0);
        r.space();
        if (r.i != text.length()) {
            throw r.error("text after the JSON value");
        }
        return v;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        space();
        if (i >= s.length()) {
            throw error("a value is missing");
        }
        char c = s.charAt(i);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        i++;
        space();
        if (peek() == '}') {
            i++;
            return out;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw error("an object key must be a string");
            }
            String key = string();
            space();
            expect(':');
            out.put(key, value(depth + 1));
            space();
            char c = next();
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        i++;
        space();
        if (peek() == ']') {
            i++;
            return out;
        }
        while (true) {
            out.add(value(depth + 1));
            space();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("a control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("a short \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("a bad \\u escape");
                    }
                    i += 4;
                }
                default -> throw error("a bad escape \\" + e);
            }
        }
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        boolean real = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                real = true;
                i++;
            } else {
                break;
            }
        }
        String t = s.substring(start, i);
        if (t.isEmpty() || t.equals("-")) {
            throw error("an unexpected character");
        }
        try {
            if (!real) {
                return Long.parseLong(t);
            }
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) {
                throw error("a number out of range");
            }
            return d;
        } catch (NumberFormatException ex) {
            throw error("a malformed or out-of-range number: " + t);
        }
    }

    private Object word(String w, Object v) {
        if (!s.startsWith(w, i)) {
            throw error("an unexpected character");
        }
        i += w.length();
        return v;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private char next() {
        if (i >= s.length()) {
            throw error("the text ends early");
        }
        return s.charAt(i++);
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private InvalidGeoJsonException error(String what) {
        return new InvalidGeoJsonException("failed to parse geojson at character " + i + ": " + what);
    }
}
