package io.aerolog.core.udf;

import java.io.ByteArrayOutputStream;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua's patterns ({@code string.find}, {@code match}, {@code gmatch}, {@code gsub}) as Lua 5.4 defines them:
 * character classes, sets, the four quantifiers, anchors, captures (position captures too), back-references,
 * {@code %b} and {@code %f}. Written here rather than taken from LuaJ so that every step of matching counts
 * against the call's instruction budget: a pattern that backtracks for ever ends with "UDF Execution Timeout"
 * instead of holding the stream thread. Nesting is bounded by Lua's 200 ("pattern too complex").
 */
final class LuaPattern {
    private static final int MAX_CAPTURES = 32;
    private static final int MAX_DEPTH = 200;
    private static final int CAP_UNFINISHED = -1;
    private static final int CAP_POSITION = -2;
    private static final String SPECIALS = "^$*+?.([%-";

    private final byte[] src;
    private final byte[] pat;
    private final Budget budget;
    private int level;
    private final int[] captureStart = new int[MAX_CAPTURES];
    private final int[] captureLength = new int[MAX_CAPTURES];
    private int depth;
    private final String function;

    private LuaPattern(byte[] src, byte[] pat, String function) {
        this.src = src;
        this.pat = pat;
        this.function = function;
        this.budget = Session.current().budget;
    }

    private LuaError error(String message) {
        return new LuaError(LuaValue.valueOf(Session.current().hook.position(0) + message));
    }

    // ---- matching

    private int classEnd(int p) {
        if (p >= pat.length) {
            throw error("malformed pattern (ends with '%')");
        }
        byte c = pat[p++];
        if (c == '%') {
            if (p >= pat.length) {
                throw error("malformed pattern (ends with '%')");
            }
            return p + 1;
        }
        if (c == '[') {
            if (p < pat.length && pat[p] == '^') {
                p++;
            }
            do {
                if (p >= pat.length) {
                    throw error("malformed pattern (missing ']')");
                }
                c = pat[p++];
                if (c == '%' && p < pat.length) {
                    p++;
                }
            } while (p >= pat.length || pat[p] != ']');
            return p + 1;
        }
        return p;
    }

    private static boolean matchClass(int c, int cl) {
        boolean res = switch (Character.toLowerCase(cl)) {
            case 'a' -> isAlpha(c);
            case 'c' -> c < 32 || c == 127;
            case 'd' -> c >= '0' && c <= '9';
            case 'g' -> c > 32 && c < 127;
            case 'l' -> c >= 'a' && c <= 'z';
            case 'p' -> c > 32 && c < 127 && !isAlpha(c) && !(c >= '0' && c <= '9');
            case 's' -> c == ' ' || (c >= '\t' && c <= '\r');
            case 'u' -> c >= 'A' && c <= 'Z';
            case 'w' -> isAlpha(c) || (c >= '0' && c <= '9');
            case 'x' -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> {
                yield cl == c;
            }
        };
        if (Character.isLetter(cl) && Character.isUpperCase(cl) && "ACDGLPSUWX".indexOf(cl) >= 0) {
            return !res;
        }
        return res;
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Whether {@code c} is in the set from {@code p} (its '[') to {@code ec} (its ']'). */
    private boolean matchBracketClass(int c, int p, int ec) {
        boolean sig = true;
        if (pat[p + 1] == '^') {
            sig = false;
            p++;
        }
        while (++p < ec) {
            if (pat[p] == '%') {
                p++;
                if (matchClass(c, pat[p] & 0xFF)) {
                    return sig;
                }
            } else if (p + 2 < ec && pat[p + 1] == '-') {
                p += 2;
                if ((pat[p - 2] & 0xFF) <= c && c <= (pat[p] & 0xFF)) {
                    return sig;
                }
            } else if ((pat[p] & 0xFF) == c) {
                return sig;
            }
        }
        return !sig;
    }

    private boolean singleMatch(int s, int p, int ep) {
        if (s >= src.length) {
            return false;
        }
        int c = src[s] & 0xFF;
        return switch (pat[p]) {
            case '.' -> true;
            case '%' -> matchClass(c, pat[p + 1] & 0xFF);
            case '[' -> matchBracketClass(c, p, ep - 1);
            default -> (pat[p] & 0xFF) == c;
        };
    }

    private int match(int s, int p) {
        if (++depth > MAX_DEPTH) {
            throw error("pattern too complex");
        }
        try {
            while (true) {
                budget.steps(1);
                if (p == pat.length) {
                    return s;
                }
                switch (pat[p]) {
                    case '(':
                        if (p + 1 < pat.length && pat[p + 1] == ')') {
                            return startCapture(s, p + 2, CAP_POSITION);
                        }
                        return startCapture(s, p + 1, CAP_UNFINISHED);
                    case ')':
                        return endCapture(s, p + 1);
                    case '$':
                        if (p + 1 == pat.length) {
                            return s == src.length ? s : -1;
                        }
                        break;
                    case '%':
                        if (p + 1 < pat.length) {
                            byte next = pat[p + 1];
                            if (next == 'b') {
                                s = matchBalance(s, p + 2);
                                if (s != -1) {
                                    p += 4;
                                    continue;
                                }
                                return -1;
                            }
                            if (next == 'f') {
                                p += 2;
                                if (p >= pat.length || pat[p] != '[') {
                                    throw error("missing '[' after '%f' in pattern");
                                }
                                int ep = classEnd(p);
                                int previous = s == 0 ? 0 : src[s - 1] & 0xFF;
                                int current = s < src.length ? src[s] & 0xFF : 0;
                                if (!matchBracketClass(previous, p, ep - 1) && matchBracketClass(current, p, ep - 1)) {
                                    p = ep;
                                    continue;
                                }
                                return -1;
                            }
                            if (next >= '0' && next <= '9') {
                                s = matchCapture(s, next);
                                if (s != -1) {
                                    p += 2;
                                    continue;
                                }
                                return -1;
                            }
                        }
                        break;
                    default:
                        break;
                }
                int ep = classEnd(p);
                byte q = ep < pat.length ? pat[ep] : 0;
                if (!singleMatch(s, p, ep)) {
                    if (q == '*' || q == '?' || q == '-') {
                        p = ep + 1;
                        continue;
                    }
                    return -1;
                }
                switch (q) {
                    case '?': {
                        int res = match(s + 1, ep + 1);
                        if (res != -1) {
                            return res;
                        }
                        p = ep + 1;
                        continue;
                    }
                    case '+':
                        return maxExpand(s + 1, p, ep);
                    case '*':
                        return maxExpand(s, p, ep);
                    case '-':
                        return minExpand(s, p, ep);
                    default:
                        s++;
                        p = ep;
                }
            }
        } finally {
            depth--;
        }
    }

    private int maxExpand(int s, int p, int ep) {
        int i = 0;
        while (singleMatch(s + i, p, ep)) {
            i++;
        }
        budget.steps(i);
        while (i >= 0) {
            int res = match(s + i, ep + 1);
            if (res != -1) {
                return res;
            }
            i--;
        }
        return -1;
    }

    private int minExpand(int s, int p, int ep) {
        while (true) {
            int res = match(s, ep + 1);
            if (res != -1) {
                return res;
            }
            if (singleMatch(s, p, ep)) {
                s++;
            } else {
                return -1;
            }
        }
    }

    private int startCapture(int s, int p, int what) {
        if (level >= MAX_CAPTURES) {
            throw error("too many captures");
        }
        captureStart[level] = s;
        captureLength[level] = what;
        level++;
        int res = match(s, p);
        if (res == -1) {
            level--;
        }
        return res;
    }

    private int endCapture(int s, int p) {
        int l = -1;
        for (int i = level - 1; i >= 0; i--) {
            if (captureLength[i] == CAP_UNFINISHED) {
                l = i;
                break;
            }
        }
        if (l < 0) {
            throw error("invalid pattern capture");
        }
        captureLength[l] = s - captureStart[l];
        int res = match(s, p);
        if (res == -1) {
            captureLength[l] = CAP_UNFINISHED;
        }
        return res;
    }

    private int matchBalance(int s, int p) {
        if (p + 1 >= pat.length) {
            throw error("malformed pattern (missing arguments to '%b')");
        }
        if (s >= src.length || src[s] != pat[p]) {
            return -1;
        }
        byte b = pat[p];
        byte e = pat[p + 1];
        int open = 1;
        while (++s < src.length) {
            budget.steps(1);
            if (src[s] == e) {
                if (--open == 0) {
                    return s + 1;
                }
            } else if (src[s] == b) {
                open++;
            }
        }
        return -1;
    }

    private int matchCapture(int s, int l) {
        int index = l - '1';
        if (index < 0 || index >= level || captureLength[index] == CAP_UNFINISHED) {
            throw error("invalid capture index %" + (index + 1));
        }
        int len = captureLength[index];
        if (src.length - s >= len) {
            budget.steps(len);
            for (int i = 0; i < len; i++) {
                if (src[captureStart[index] + i] != src[s + i]) {
                    return -1;
                }
            }
            return s + len;
        }
        return -1;
    }

    // ---- captures

    private LuaValue capture(int i, int s, int e) {
        if (i >= level) {
            if (i == 0) {
                return substring(s, e);
            }
            throw error("invalid capture index %" + (i + 1));
        }
        int len = captureLength[i];
        if (len == CAP_UNFINISHED) {
            throw error("unfinished capture");
        }
        if (len == CAP_POSITION) {
            return LuaValue.valueOf(captureStart[i] + 1);
        }
        return substring(captureStart[i], captureStart[i] + len);
    }

    private LuaValue substring(int from, int to) {
        budget.charge(to - from);
        return LuaString.valueOf(java.util.Arrays.copyOfRange(src, from, to));
    }

    /** The captures of a match from {@code s} to {@code e} (the whole match when there are none). */
    private Varargs captures(int s, int e, boolean wholeIfNone) {
        int n = level == 0 && wholeIfNone ? 1 : level;
        LuaValue[] out = new LuaValue[n];
        for (int i = 0; i < n; i++) {
            out[i] = capture(i, s, e);
        }
        return LuaValue.varargsOf(out);
    }

    private void reset() {
        level = 0;
        depth = 0;
    }

    // ---- the library functions

    private static byte[] bytes(LuaString s) {
        Session.current().budget.charge(s.rawlen());
        return Values.bytes(s);
    }

    /** Lua 5.4's {@code posrelatI}: a 1-based start, negative counting from the end. */
    private static long start(long pos, int len) {
        if (pos > 0) {
            return pos;
        }
        if (pos == 0 || pos < -(long) len) {
            return 1;
        }
        return len + pos + 1;
    }

    /** {@code string.find} ({@code find}) and {@code string.match}. */
    static Varargs find(Varargs args, boolean find) {
        String function = find ? "find" : "match";
        LuaString s = Args.string(args.arg(1), 1, function);
        LuaString p = Args.string(args.arg(2), 2, function);
        long init = start(Args.optInteger(args, 3, 1, function), s.rawlen());
        if (init > s.rawlen() + 1L) {
            return LuaValue.NIL;
        }
        byte[] src = bytes(s);
        byte[] pat = bytes(p);
        if (find && (args.arg(4).toboolean() || noSpecials(pat))) {
            int at = indexOf(src, pat, (int) init - 1);
            return at < 0 ? LuaValue.NIL : LuaValue.varargsOf(LuaValue.valueOf(at + 1), LuaValue.valueOf(at + pat.length));
        }
        LuaPattern m = new LuaPattern(src, pat, function);
        boolean anchor = pat.length > 0 && pat[0] == '^';
        int p0 = anchor ? 1 : 0;
        int s1 = (int) init - 1;
        do {
            m.reset();
            int e = m.match(s1, p0);
            if (e != -1) {
                if (find) {
                    return LuaValue.varargsOf(LuaValue.valueOf(s1 + 1), LuaValue.valueOf(e), m.captures(s1, e, false));
                }
                return m.captures(s1, e, true);
            }
            s1++;
        } while (s1 <= src.length && !anchor);
        return LuaValue.NIL;
    }

    private static boolean noSpecials(byte[] pat) {
        for (byte b : pat) {
            if (SPECIALS.indexOf(b) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] src, byte[] pat, int from) {
        Budget budget = Session.current().budget;
        outer:
        for (int i = from; i <= src.length - pat.length; i++) {
            budget.steps(1);
            for (int j = 0; j < pat.length; j++) {
                if (src[i + j] != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** {@code string.gmatch(s, pattern [, init])}: an iterator over the matches, as Lua 5.4's. */
    static Varargs gmatch(Varargs args) {
        LuaString s = Args.string(args.arg(1), 1, "gmatch");
        LuaString p = Args.string(args.arg(2), 2, "gmatch");
        long init = start(Args.optInteger(args, 3, 1, "gmatch"), s.rawlen());
        LuaPattern m = new LuaPattern(bytes(s), bytes(p), "gmatch");
        int from = (int) Math.min(init - 1, s.rawlen() + 1L);
        return new VarArgFunction() {
            private int src = from;
            private int last = -1;

            @Override
            public Varargs invoke(Varargs ignored) {
                for (; src <= m.src.length; src++) {
                    m.reset();
                    int e = m.match(src, 0);
                    if (e != -1 && e != last) {
                        int start = src;
                        src = e;
                        last = e;
                        return m.captures(start, e, true);
                    }
                }
                return NONE;
            }
        };
    }

    /** {@code string.gsub(s, pattern, repl [, n])}, charging each piece of the result before it is added. */
    static Varargs gsub(Varargs args) {
        LuaString s = Args.string(args.arg(1), 1, "gsub");
        LuaString p = Args.string(args.arg(2), 2, "gsub");
        LuaValue repl = args.arg(3);
        if (!(repl.isstring() || repl.istable() || repl.isfunction())) {
            throw Args.bad(3, "gsub", "string/function/table expected, got " + Args.typeName(repl));
        }
        long max = Args.optInteger(args, 4, s.rawlen() + 1L, "gsub");
        byte[] src = bytes(s);
        byte[] pat = bytes(p);
        LuaPattern m = new LuaPattern(src, pat, "gsub");
        boolean anchor = pat.length > 0 && pat[0] == '^';
        int p0 = anchor ? 1 : 0;
        Budget budget = m.budget;
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
        int at = 0;
        int last = -1;
        long n = 0;
        while (n < max) {
            m.reset();
            int e = m.match(at, p0);
            if (e != -1 && e != last) {
                n++;
                m.addValue(out, at, e, repl);
                at = e;
                last = e;
            } else if (at < src.length) {
                budget.charge(1);
                out.write(src[at++]);
            } else {
                break;
            }
            if (anchor) {
                break;
            }
        }
        budget.charge(src.length - at);
        out.write(src, at, src.length - at);
        return LuaValue.varargsOf(LuaString.valueOf(out.toByteArray()), LuaValue.valueOf(n));
    }

    private void addValue(ByteArrayOutputStream out, int s, int e, LuaValue repl) {
        LuaValue value;
        if (repl.isstring()) {
            addString(out, s, e, Values.bytes(repl.checkstring()));
            return;
        } else if (repl.istable()) {
            value = ((LuaTable) repl).get(capture(0, s, e));
        } else {
            value = repl.invoke(captures(s, e, true)).arg1();
        }
        if (!value.toboolean()) {
            budget.charge(e - s);
            out.write(src, s, e - s);
            return;
        }
        if (!value.isstring()) {
            throw error("invalid replacement value (a " + value.typename() + ")");
        }
        LuaString text = (LuaString) LuaText.tostring(value, Session.current().addresses);
        budget.charge(text.rawlen());
        out.write(Values.bytes(text), 0, text.rawlen());
    }

    private void addString(ByteArrayOutputStream out, int s, int e, byte[] news) {
        for (int i = 0; i < news.length; i++) {
            byte c = news[i];
            if (c != '%') {
                budget.charge(1);
                out.write(c);
                continue;
            }
            i++;
            if (i >= news.length) {
                throw error("invalid use of '%' in replacement string");
            }
            byte d = news[i];
            if (d == '%') {
                budget.charge(1);
                out.write('%');
            } else if (d >= '0' && d <= '9') {
                LuaValue cap = d == '0' ? substring(s, e) : capture(d - '1', s, e);
                LuaString text = (LuaString) LuaText.tostring(cap, Session.current().addresses);
                budget.charge(text.rawlen());
                out.write(Values.bytes(text), 0, text.rawlen());
            } else {
                throw error("invalid use of '%' in replacement string");
            }
        }
    }
}
