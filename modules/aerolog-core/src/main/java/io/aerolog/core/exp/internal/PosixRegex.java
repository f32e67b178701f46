package io.aerolog.core.exp.internal;

import io.aerolog.core.AerologException;
import io.aerolog.core.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * POSIX regular expressions as Aerospike's server compiles them for {@code cmp_regex}: glibc's
 * {@code regcomp} with the client's flags (EXTENDED 1, ICASE 2, NOSUB 4, NEWLINE 8), matching with
 * {@code regexec} on the subject up to its first NUL, in the C locale (bytes, ASCII classes and case).
 * Basic syntax ({@code \( \) \{ \} \| \+ \?}) and extended syntax, bracket expressions with
 * {@code [:class:]}, {@code [=c=]}, {@code [.c.]}, anchors (line anchors with NEWLINE) and GNU's
 * {@code \w \W \s \S \b \B \< \> \` \'}. A pattern regcomp refuses is PARAMETER_ERROR (the server
 * fails the expression's build); back-references are UNSUPPORTED_FEATURE.
 *
 * <p>Only whether a match exists matters, so the pattern compiles to an automaton run as a Pike VM:
 * no backtracking, no recursion, time bounded by subject length times program size, and by
 * {@link Limits#MAX_REGEX_STEPS} overall so that no subject and pattern can stall the thread.
 */
final class PosixRegex {
    private static final int EXTENDED = 1;
    private static final int ICASE = 2;
    private static final int NEWLINE = 8;
    /** glibc's RE_DUP_MAX: the largest bound of an interval. */
    private static final int DUP_MAX = 0x7fff;

    private static final int OP_SET = 0;
    private static final int OP_SPLIT = 1;
    private static final int OP_JMP = 2;
    private static final int OP_ASSERT = 3;
    private static final int OP_MATCH = 4;

    private static final int A_BOL = 0;
    private static final int A_EOL = 1;
    private static final int A_WORD_BOUNDARY = 2;
    private static final int A_NOT_WORD_BOUNDARY = 3;
    private static final int A_WORD_START = 4;
    private static final int A_WORD_END = 5;
    private static final int A_BUF_START = 6;
    private static final int A_BUF_END = 7;

    private final int[] op;
    private final int[] x;
    private final int[] y;
    private final long[][] sets;
    private final boolean newline;

    private PosixRegex(Program p, boolean newline) {
        int n = p.op.size();
        this.op = new int[n];
        this.x = new int[n];
        this.y = new int[n];
        this.sets = new long[n][];
        for (int i = 0; i < n; i++) {
            op[i] = p.op.get(i);
            x[i] = p.x.get(i);
            y[i] = p.y.get(i);
            sets[i] = p.sets.get(i);
        }
        this.newline = newline;
    }

    static PosixRegex compile(String pattern, int flags) {
        byte[] bytes = pattern.getBytes(StandardCharsets.UTF_8);
        Parser parser = new Parser(bytes, flags);
        Node root = parser.parse();
        Program program = new Program();
        program.emit(root);
        program.add(OP_MATCH, 0, 0, null);
        return new PosixRegex(program, (flags & NEWLINE) != 0);
    }

    /** Whether the pattern matches somewhere in {@code subject} (up to its first NUL, as C reads it). */
    boolean find(String subject) {
        byte[] s = subject.getBytes(StandardCharsets.UTF_8);
        int length = s.length;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                length = i;
                break;
            }
        }
        int n = op.length;
        int[] current = new int[n];
        int[] next = new int[n];
        int[] mark = new int[n];
        int[] stack = new int[2 * n + 2];
        int generation = 0;
        long steps = 0;
        int currentCount = 0;
        for (int pos = 0; pos <= length; pos++) {
            generation++;
            // threads carried from the last byte, then a new thread starting here (an unanchored search)
            int nextCount = 0;
            for (int t = 0; t < currentCount; t++) {
                nextCount = closure(current[t], pos, s, length, next, nextCount, mark, generation, stack);
                if (nextCount < 0) {
                    return true;
                }
            }
            nextCount = closure(0, pos, s, length, next, nextCount, mark, generation, stack);
            if (nextCount < 0) {
                return true;
            }
            steps += nextCount + 1;
            if (steps > Limits.MAX_REGEX_STEPS) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "regex match on a subject of " + length
                        + " bytes is over Aerolog's bound of " + Limits.MAX_REGEX_STEPS + " automaton steps");
            }
            if (pos == length) {
                break;
            }
            int b = s[pos] & 0xff;
            currentCount = 0;
            for (int t = 0; t < nextCount; t++) {
                int pc = next[t];
                if (contains(sets[pc], b)) {
                    current[currentCount++] = pc + 1;
                }
            }
        }
        return false;
    }

    /**
     * Adds the threads reachable from {@code start} without consuming a byte; returns the new count, or
     * -1 when one of them matches.
     */
    private int closure(int start, int pos, byte[] s, int length, int[] list, int count, int[] mark,
                        int generation, int[] stack) {
        int sp = 0;
        stack[sp++] = start;
        while (sp > 0) {
            int pc = stack[--sp];
            if (mark[pc] == generation) {
                continue;
            }
            mark[pc] = generation;
            switch (op[pc]) {
                case OP_MATCH -> {
                    return -1;
                }
                case OP_SET -> list[count++] = pc;
                case OP_JMP -> stack[sp++] = x[pc];
                case OP_SPLIT -> {
                    stack[sp++] = y[pc];
                    stack[sp++] = x[pc];
                }
                default -> {
                    if (holds(x[pc], pos, s, length)) {
                        stack[sp++] = pc + 1;
                    }
                }
            }
        }
        return count;
    }

    private boolean holds(int assertion, int pos, byte[] s, int length) {
        boolean before = pos > 0 && isWord(s[pos - 1]);
        boolean after = pos < length && isWord(s[pos]);
        return switch (assertion) {
            case A_BOL -> pos == 0 || newline && s[pos - 1] == '\n';
            case A_EOL -> pos == length || newline && s[pos] == '\n';
            case A_WORD_BOUNDARY -> before != after;
            case A_NOT_WORD_BOUNDARY -> before == after;
            case A_WORD_START -> !before && after;
            case A_WORD_END -> before && !after;
            case A_BUF_START -> pos == 0;
            default -> pos == length;
        };
    }

    private static boolean isWord(byte b) {
        return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    private static boolean contains(long[] set, int b) {
        return (set[b >>> 6] & 1L << (b & 63)) != 0;
    }

    // ---- syntax tree

    private sealed interface Node permits Bytes, Concat, Alt, Repeat, Assert, Group {
    }

    private record Bytes(long[] set) implements Node {
    }

    private record Concat(List<Node> items) implements Node {
    }

    private record Alt(List<Node> branches) implements Node {
    }

    private record Repeat(Node item, int min, int max) implements Node {
    }

    private record Assert(int kind) implements Node {
    }

    private record Group(Node item) implements Node {
    }

    /** glibc's regcomp grammar for basic or extended syntax, to a syntax tree. */
    private static final class Parser {
        private final byte[] p;
        private final boolean extended;
        private final boolean icase;
        private final boolean newline;
        private int pos;
        private int depth;

        Parser(byte[] p, int flags) {
            this.p = p;
            this.extended = (flags & EXTENDED) != 0;
            this.icase = (flags & ICASE) != 0;
            this.newline = (flags & NEWLINE) != 0;
        }

        Node parse() {
            Node n = alternation();
            if (pos < p.length) {
                throw error("unmatched parenthesis at byte " + pos);
            }
            return n;
        }

        private Node alternation() {
            if (++depth > Limits.MAX_NESTING) {
                throw error("groups nest more than " + Limits.MAX_NESTING + " levels deep");
            }
            List<Node> branches = new ArrayList<>();
            branches.add(branch());
            while (atAlternation()) {
                pos += extended ? 1 : 2;
                branches.add(branch());
            }
            depth--;
            return branches.size() == 1 ? branches.get(0) : new Alt(branches);
        }

        private boolean atAlternation() {
            return extended ? at('|') : at('\\') && peekAt(pos + 1) == '|';
        }

        private boolean atGroupEnd() {
            return extended ? at(')') && depth > 1 : at('\\') && peekAt(pos + 1) == ')';
        }

        private Node branch() {
            List<Node> items = new ArrayList<>();
            boolean start = true;
            while (pos < p.length && !atAlternation() && !atGroupEnd()) {
                Node atom = atom(start);
                start = false;
                items.add(quantified(atom));
            }
            return new Concat(items);
        }

        private Node atom(boolean start) {
            int c = p[pos] & 0xff;
            if (extended) {
                switch (c) {
                    case '*', '+', '?', '{' -> {
                        if (start) {
                            throw error("repetition operator '" + (char) c + "' has nothing to repeat");
                        }
                        throw error("repetition operator '" + (char) c + "' follows nothing repeatable");
                    }
                    case '(' -> {
                        pos++;
                        Node inner = alternation();
                        if (!at(')')) {
                            throw error("unmatched '('");
                        }
                        pos++;
                        return new Group(inner);
                    }
                    case ')' -> {
                        pos++;
                        return literal(c); // RE_UNMATCHED_RIGHT_PAREN_ORD
                    }
                    case '^' -> {
                        pos++;
                        return new Assert(A_BOL);
                    }
                    case '$' -> {
                        pos++;
                        return new Assert(A_EOL);
                    }
                    default -> {
                    }
                }
            } else {
                if (c == '*' && start) {
                    pos++;
                    return literal(c);
                }
                if (c == '^' && start) {
                    pos++;
                    return new Assert(A_BOL);
                }
                if (c == '$' && atBasicEnd(pos + 1)) {
                    pos++;
                    return new Assert(A_EOL);
                }
                if (c == '\\' && peekAt(pos + 1) == '(') {
                    pos += 2;
                    Node inner = alternation();
                    if (!(at('\\') && peekAt(pos + 1) == ')')) {
                        throw error("unmatched '\\('");
                    }
                    pos += 2;
                    return new Group(inner);
                }
                if (c == '\\' && peekAt(pos + 1) == '{') {
                    throw error("interval '\\{' follows nothing repeatable");
                }
            }
            switch (c) {
                case '.' -> {
                    pos++;
                    long[] set = new long[4];
                    for (int b = 1; b < 256; b++) {
                        if (!(newline && b == '\n')) {
                            set[b >>> 6] |= 1L << (b & 63);
                        }
                    }
                    return new Bytes(set);
                }
                case '[' -> {
                    return bracket();
                }
                case '\\' -> {
                    return escape();
                }
                default -> {
                    pos++;
                    return literal(c);
                }
            }
        }

        /** In basic syntax, '$' anchors only at the end of the pattern or of a group or branch. */
        private boolean atBasicEnd(int i) {
            return i == p.length || p[i] == '\\' && i + 1 < p.length && (p[i + 1] == ')' || p[i + 1] == '|');
        }

        private Node escape() {
            if (pos + 1 >= p.length) {
                throw error("trailing backslash");
            }
            int c = p[pos + 1] & 0xff;
            pos += 2;
            return switch (c) {
                case 'w', 'W' -> {
                    long[] set = new long[4];
                    for (int b = 0; b < 256; b++) {
                        if (isWord((byte) b) == (c == 'w')) {
                            set[b >>> 6] |= 1L << (b & 63);
                        }
                    }
                    yield new Bytes(set);
                }
                case 's', 'S' -> {
                    long[] set = new long[4];
                    for (int b = 0; b < 256; b++) {
                        if (isSpace(b) == (c == 's')) {
                            set[b >>> 6] |= 1L << (b & 63);
                        }
                    }
                    yield new Bytes(set);
                }
                case 'b' -> new Assert(A_WORD_BOUNDARY);
                case 'B' -> new Assert(A_NOT_WORD_BOUNDARY);
                case '<' -> new Assert(A_WORD_START);
                case '>' -> new Assert(A_WORD_END);
                case '`' -> new Assert(A_BUF_START);
                case '\'' -> new Assert(A_BUF_END);
                default -> {
                    if (c >= '1' && c <= '9') {
                        throw new AerologException(ResultCode.UNSUPPORTED_FEATURE,
                                "expression regex back-references (\\" + (char) c + ") are not served");
                    }
                    yield literal(c);
                }
            };
        }

        private Node quantified(Node atom) {
            Node node = atom;
            int stacked = 0;
            while (pos < p.length) {
                int c = p[pos] & 0xff;
                int min;
                int max;
                if (c == '*') {
                    pos++;
                    min = 0;
                    max = -1;
                } else if (extended && (c == '+' || c == '?') || !extended && c == '\\'
                        && (peekAt(pos + 1) == '+' || peekAt(pos + 1) == '?')) {
                    int q = extended ? c : peekAt(pos + 1);
                    pos += extended ? 1 : 2;
                    min = q == '+' ? 1 : 0;
                    max = q == '+' ? -1 : 1;
                } else if (extended && c == '{' || !extended && c == '\\' && peekAt(pos + 1) == '{') {
                    pos += extended ? 1 : 2;
                    min = number();
                    max = min;
                    if (at(',')) {
                        pos++;
                        max = at('}') || at('\\') ? -1 : number();
                    }
                    if (extended ? !at('}') : !(at('\\') && peekAt(pos + 1) == '}')) {
                        throw error("unterminated interval");
                    }
                    pos += extended ? 1 : 2;
                    if (max != -1 && max < min) {
                        throw error("interval {" + min + "," + max + "} is empty");
                    }
                } else {
                    break;
                }
                if (node instanceof Assert) {
                    continue; // glibc ignores repetition of an anchor
                }
                if (++stacked > Limits.MAX_NESTING) {
                    throw error("stacks more than " + Limits.MAX_NESTING + " repetitions on one atom");
                }
                node = new Repeat(node, min, max);
            }
            return node;
        }

        private int number() {
            int start = pos;
            long v = 0;
            while (pos < p.length && p[pos] >= '0' && p[pos] <= '9') {
                v = v * 10 + (p[pos] - '0');
                if (v > DUP_MAX) {
                    throw error("interval bound is over " + DUP_MAX);
                }
                pos++;
            }
            if (pos == start) {
                throw error("interval has no number");
            }
            return (int) v;
        }

        private Node bracket() {
            pos++;
            boolean negate = at('^');
            if (negate) {
                pos++;
            }
            long[] set = new long[4];
            boolean first = true;
            while (true) {
                if (pos >= p.length) {
                    throw error("unterminated bracket expression");
                }
                int c = p[pos] & 0xff;
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && (peekAt(pos + 1) == ':')) {
                    int end = indexOf(pos + 2, ':');
                    String name = new String(p, pos + 2, end - pos - 2, StandardCharsets.US_ASCII);
                    pos = end + 2;
                    for (int b = 0; b < 256; b++) {
                        if (inClass(name, b)) {
                            set[b >>> 6] |= 1L << (b & 63);
                        }
                    }
                    continue;
                }
                int low = element();
                if (at('-') && peekAt(pos + 1) != ']' && pos + 1 < p.length) {
                    pos++;
                    int high = element();
                    if (high < low) {
                        throw error("range end is before its start");
                    }
                    for (int b = low; b <= high; b++) {
                        set[b >>> 6] |= 1L << (b & 63);
                    }
                } else {
                    set[low >>> 6] |= 1L << (low & 63);
                }
            }
            if (icase) {
                fold(set);
            }
            if (negate) {
                for (int i = 0; i < 4; i++) {
                    set[i] = ~set[i];
                }
                set[0] &= ~1L; // NUL never matches: regexec reads a C string
                if (newline) {
                    set['\n' >>> 6] &= ~(1L << ('\n' & 63));
                }
            }
            return new Bytes(set);
        }

        /** One byte of a bracket expression: a literal or a collating element {@code [.c.]} / {@code [=c=]}. */
        private int element() {
            int c = p[pos] & 0xff;
            if (c == '[' && (peekAt(pos + 1) == '.' || peekAt(pos + 1) == '=')) {
                int kind = peekAt(pos + 1);
                int end = indexOf(pos + 2, kind);
                if (end != pos + 3) {
                    throw error("collating element is not a single character");
                }
                int v = p[pos + 2] & 0xff;
                pos = end + 2;
                return v;
            }
            pos++;
            return c;
        }

        private int indexOf(int from, int delimiter) {
            for (int i = from; i + 1 < p.length; i++) {
                if ((p[i] & 0xff) == delimiter && p[i + 1] == ']') {
                    return i;
                }
            }
            throw error("unterminated [" + (char) delimiter + " in a bracket expression");
        }

        private boolean inClass(String name, int b) {
            return switch (name) {
                case "alpha" -> b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
                case "digit" -> b >= '0' && b <= '9';
                case "alnum" -> b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
                case "upper" -> b >= 'A' && b <= 'Z' || icase && b >= 'a' && b <= 'z';
                case "lower" -> b >= 'a' && b <= 'z' || icase && b >= 'A' && b <= 'Z';
                case "space" -> isSpace(b);
                case "blank" -> b == ' ' || b == '\t';
                case "punct" -> b > 32 && b < 127 && !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
                        || b >= '0' && b <= '9');
                case "print" -> b >= 32 && b < 127;
                case "graph" -> b > 32 && b < 127;
                case "cntrl" -> b < 32 || b == 127;
                case "xdigit" -> b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
                default -> throw error("unknown character class [:" + name + ":]");
            };
        }

        private Node literal(int c) {
            long[] set = new long[4];
            set[c >>> 6] |= 1L << (c & 63);
            if (icase) {
                fold(set);
            }
            return new Bytes(set);
        }

        private static void fold(long[] set) {
            for (int b = 'a'; b <= 'z'; b++) {
                int u = b - 32;
                boolean any = contains(set, b) || contains(set, u);
                if (any) {
                    set[b >>> 6] |= 1L << (b & 63);
                    set[u >>> 6] |= 1L << (u & 63);
                }
            }
        }

        private boolean at(int c) {
            return pos < p.length && (p[pos] & 0xff) == c;
        }

        private int peekAt(int i) {
            return i < p.length ? p[i] & 0xff : -1;
        }

        private static AerologException error(String what) {
            return new AerologException(ResultCode.PARAMETER_ERROR, "malformed expression: regex " + what);
        }
    }

    private static boolean isSpace(int b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }

    /** The automaton's instructions, emitted from the syntax tree. */
    private static final class Program {
        final List<Integer> op = new ArrayList<>();
        final List<Integer> x = new ArrayList<>();
        final List<Integer> y = new ArrayList<>();
        final List<long[]> sets = new ArrayList<>();

        int add(int code, int a, int b, long[] set) {
            if (op.size() >= Limits.MAX_REGEX_PROGRAM) {
                throw new AerologException(ResultCode.PARAMETER_ERROR, "malformed expression: regex compiles to more than "
                        + Limits.MAX_REGEX_PROGRAM + " instructions");
            }
            op.add(code);
            x.add(a);
            y.add(b);
            sets.add(set);
            return op.size() - 1;
        }

        void patch(int at, int a, int b) {
            x.set(at, a);
            y.set(at, b);
        }

        void emit(Node node) {
            if (node instanceof Bytes b) {
                add(OP_SET, 0, 0, b.set());
            } else if (node instanceof Assert a) {
                add(OP_ASSERT, a.kind(), 0, null);
            } else if (node instanceof Group g) {
                emit(g.item());
            } else if (node instanceof Concat c) {
                for (Node n : c.items()) {
                    emit(n);
                }
            } else if (node instanceof Alt alt) {
                List<Integer> jumps = new ArrayList<>();
                for (int i = 0; i < alt.branches().size(); i++) {
                    if (i < alt.branches().size() - 1) {
                        int split = add(OP_SPLIT, 0, 0, null);
                        emit(alt.branches().get(i));
                        jumps.add(add(OP_JMP, 0, 0, null));
                        patch(split, split + 1, op.size());
                    } else {
                        emit(alt.branches().get(i));
                    }
                }
                for (int j : jumps) {
                    patch(j, op.size(), 0);
                }
            } else {
                Repeat r = (Repeat) node;
                for (int i = 0; i < r.min(); i++) {
                    emit(r.item());
                }
                if (r.max() == -1) {
                    int split = add(OP_SPLIT, 0, 0, null);
                    emit(r.item());
                    add(OP_JMP, split, 0, null);
                    patch(split, split + 1, op.size());
                } else {
                    List<Integer> splits = new ArrayList<>();
                    for (int i = r.min(); i < r.max(); i++) {
                        splits.add(add(OP_SPLIT, 0, 0, null));
                        emit(r.item());
                    }
                    for (int s : splits) {
                        patch(s, s + 1, op.size());
                    }
                }
            }
        }
    }
}
