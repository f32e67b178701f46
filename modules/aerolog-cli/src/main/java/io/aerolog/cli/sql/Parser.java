package io.aerolog.cli.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one statement of aql's dialect (the forms aql's own parser takes for inserts, primary-key and
 * secondary-index selects, deletes, SHOW and SET OUTPUT) into a {@link Statement}; a statement that does
 * not parse raises {@link SqlSyntaxException} with what was expected and where.
 */
final class Parser {
    /** How deep JSON values may nest. */
    static final int MAX_JSON_DEPTH = 256;
    /** Digests are Aerospike's RIPEMD-160, 20 bytes. */
    static final int DIGEST_BYTES = 20;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build()).build());

    private final List<Token> tokens;
    private int at;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Statement parse(String statement) {
        Parser p = new Parser(Lexer.tokens(statement));
        Statement s = p.statement();
        if (p.peek().isSymbol(";")) {
            p.next();
        }
        if (p.peek().kind() != Token.Kind.END) {
            throw p.error("unexpected " + p.peek().shown() + " after the end of the statement");
        }
        return s;
    }

    private Statement statement() {
        Token first = next();
        if (first.kind() == Token.Kind.END) {
            throw new SqlSyntaxException("empty statement: try HELP", first.column());
        }
        return switch (first.upper()) {
            case "INSERT" -> insert();
            case "SELECT" -> select();
            case "DELETE" -> delete();
            case "SHOW" -> show();
            case "SET" -> set();
            case "CREATE" -> createIndex();
            case "DROP" -> dropIndex();
            case "TRUNCATE" -> truncate();
            case "HELP" -> new Statement.Help();
            default -> throw new SqlSyntaxException("unknown statement " + first.shown()
                    + ": expected INSERT, SELECT, DELETE, SHOW, CREATE INDEX, DROP INDEX, TRUNCATE, SET OUTPUT or HELP",
                    first.column());
        };
    }

    private Statement insert() {
        keyword("INTO");
        String[] target = target();
        symbol("(");
        Token pk = next();
        if (!pk.is("PK")) {
            throw new SqlSyntaxException("the first name in the bin list must be PK (the record's key), not "
                    + pk.shown(), pk.column());
        }
        List<String> bins = new ArrayList<>();
        List<Integer> binColumns = new ArrayList<>();
        while (peek().isSymbol(",")) {
            next();
            binColumns.add(peek().column());
            bins.add(name("a bin name"));
        }
        Token close = next();
        if (!close.isSymbol(")")) {
            throw new SqlSyntaxException("expected ',' or ')' in the bin list, found " + close.shown(), close.column());
        }
        if (bins.isEmpty()) {
            throw new SqlSyntaxException("an INSERT writes at least one bin: (PK, bin, ...)", close.column());
        }
        keyword("VALUES");
        Token open = peek();
        symbol("(");
        Token keyToken = peek();
        Literal key = value();
        checkUserKey(key, keyToken);
        List<Literal> values = new ArrayList<>();
        while (peek().isSymbol(",")) {
            next();
            values.add(value());
        }
        Token end = next();
        if (!end.isSymbol(")")) {
            throw new SqlSyntaxException("expected ',' or ')' in the value list, found " + end.shown(), end.column());
        }
        if (values.size() != bins.size()) {
            throw new SqlSyntaxException((bins.size() + 1) + " names (PK and " + bins.size() + " bins) but "
                    + (values.size() + 1) + " values", open.column());
        }
        return new Statement.Insert(target[0], target[1], key, bins, values);
    }

    private Statement select() {
        List<String> bins = new ArrayList<>();
        if (peek().isSymbol("*")) {
            next();
        } else {
            if (peek().is("FROM")) {
                throw error("expected '*' or a bin name before FROM");
            }
            bins.add(name("'*' or a bin name"));
            while (peek().isSymbol(",")) {
                next();
                bins.add(name("a bin name"));
            }
        }
        keyword("FROM");
        String[] target = target();
        String collection = null;
        if (peek().is("IN")) {
            next();
            Token type = next();
            if (!type.is("LIST") && !type.is("MAPKEYS") && !type.is("MAPVALUES")) {
                throw new SqlSyntaxException("expected LIST, MAPKEYS or MAPVALUES after IN, found " + type.shown(),
                        type.column());
            }
            collection = type.upper();
            if (!peek().is("WHERE")) {
                throw error("IN " + collection + " goes with WHERE bin = value, BETWEEN, CONTAINS or WITHIN");
            }
        }
        Long limit = null;
        if (peek().is("LIMIT")) {
            limit = limit();
        }
        Statement.Where where = null;
        if (peek().is("WHERE")) {
            next();
            Token what = peek();
            if (collection != null) {
                if (what.is("PK") || what.is("DIGEST") || what.is("EDIGEST")) {
                    throw new SqlSyntaxException("IN " + collection + " queries a bin's elements, not a record by key",
                            what.column());
                }
                where = new Statement.InCollection(collection, binCondition());
                if (limit == null && peek().is("LIMIT")) {
                    limit = limit();
                }
            } else if (what.is("PK") || what.is("DIGEST") || what.is("EDIGEST")) {
                if (limit != null) {
                    throw new SqlSyntaxException("LIMIT does not go with a primary-key lookup", what.column());
                }
                where = new Statement.ByKey(keyRef());
            } else {
                where = binCondition();
                if (limit == null && peek().is("LIMIT")) {
                    limit = limit();
                }
            }
        } else if (peek().kind() != Token.Kind.END && !peek().isSymbol(";")) {
            throw error("expected WHERE, LIMIT or the end of the statement, found " + peek().shown());
        }
        return new Statement.Select(target[0], target[1], bins, where, limit);
    }

    private Statement.Where binCondition() {
        Token binToken = peek();
        String bin = name("PK, DIGEST, EDIGEST or a bin name");
        Token op = next();
        if (op.isSymbol("=")) {
            Literal v = value();
            if (peek().is("AND")) {
                throw error("only one condition is taken: WHERE bin = value, or WHERE bin BETWEEN a AND b");
            }
            return new Statement.BinEquals(bin, v);
        }
        if (op.is("BETWEEN")) {
            long from = integer("the range's lower end (an integer)");
            keyword("AND");
            long to = integer("the range's upper end (an integer)");
            if (from > to) {
                throw new SqlSyntaxException("the range " + from + " to " + to + " is empty: the lower end comes first",
                        binToken.column());
            }
            return new Statement.BinBetween(bin, from, to);
        }
        if (op.is("CONTAINS") || op.is("WITHIN")) {
            Token at = peek();
            if (!(value() instanceof Literal.Geo geo)) {
                throw new SqlSyntaxException(op.upper() + " takes a GeoJSON value: CAST('{\"type\": \"Point\", \"coordinates\":"
                        + " [0.0, 0.0]}' AS GEOJSON)", at.column());
            }
            return new Statement.BinGeo(bin, op.is("WITHIN"), geo.json());
        }
        throw new SqlSyntaxException("expected '=', BETWEEN, CONTAINS or WITHIN after the bin name, found " + op.shown(),
                op.column());
    }

    private Statement delete() {
        keyword("FROM");
        String[] target = target();
        keyword("WHERE");
        Token what = peek();
        if (!(what.is("PK") || what.is("DIGEST") || what.is("EDIGEST"))) {
            throw error("a DELETE names one record: WHERE PK = key (or DIGEST = 'hex', EDIGEST = 'base64'), found "
                    + what.shown());
        }
        return new Statement.Delete(target[0], target[1], keyRef());
    }

    private Statement show() {
        Token what = next();
        Statement.Show.What kind;
        try {
            kind = what.kind() == Token.Kind.WORD ? Statement.Show.What.valueOf(what.upper()) : null;
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null) {
            throw new SqlSyntaxException("expected NAMESPACES, SETS, BINS or INDEXES after SHOW, found " + what.shown(),
                    what.column());
        }
        String namespace = null;
        if (kind == Statement.Show.What.INDEXES && (peek().kind() == Token.Kind.WORD
                || peek().kind() == Token.Kind.STRING)) {
            namespace = name("a namespace");
        }
        return new Statement.Show(kind, namespace);
    }

    private Statement createIndex() {
        String collection = "DEFAULT";
        Token kind = peek();
        if (kind.is("LIST") || kind.is("MAPKEYS") || kind.is("MAPVALUES")) {
            collection = next().upper();
        }
        keyword("INDEX");
        String name = name("an index name");
        keyword("ON");
        String[] target = target();
        symbol("(");
        String bin = name("a bin name");
        symbol(")");
        Token type = next();
        if (!(type.is("NUMERIC") || type.is("STRING") || type.is("BLOB") || type.is("GEO2DSPHERE"))) {
            throw new SqlSyntaxException("expected NUMERIC, STRING, BLOB or GEO2DSPHERE, found " + type.shown(),
                    type.column());
        }
        return new Statement.CreateIndex(name, target[0], target[1], bin, collection, type.upper());
    }

    private Statement dropIndex() {
        keyword("INDEX");
        String[] target = target();
        return new Statement.DropIndex(target[0], target[1], name("an index name"));
    }

    private Statement truncate() {
        String[] target = target();
        return new Statement.Truncate(target[0], target[1]);
    }

    private Statement set() {
        Token option = next();
        if (!option.is("OUTPUT")) {
            throw new SqlSyntaxException("the shell has one setting: SET OUTPUT TABLE | JSON, found " + option.shown(),
                    option.column());
        }
        if (peek().isSymbol("=")) {
            next();
        }
        Token format = next();
        if (format.is("TABLE")) {
            return new Statement.SetOutput(Statement.OutputFormat.TABLE);
        }
        if (format.is("JSON")) {
            return new Statement.SetOutput(Statement.OutputFormat.JSON);
        }
        throw new SqlSyntaxException("expected TABLE or JSON, found " + format.shown(), format.column());
    }

    /** {@code ns} or {@code ns.set}; names may be quoted. */
    private String[] target() {
        String namespace = name("a namespace");
        String set = null;
        if (peek().isSymbol(".")) {
            next();
            set = name("a set name after '.'");
        }
        return new String[] {namespace, set};
    }

    private Statement.KeyRef keyRef() {
        Token kind = next();
        symbol("=");
        Token valueToken = peek();
        if (kind.is("PK")) {
            Literal key = plainValue();
            checkUserKey(key, valueToken);
            return new Statement.UserKey(key);
        }
        Token t = next();
        if (t.kind() != Token.Kind.STRING) {
            throw new SqlSyntaxException(kind.upper() + " takes a quoted digest, found " + t.shown(), t.column());
        }
        byte[] digest;
        try {
            digest = kind.is("DIGEST") ? HexFormat.of().parseHex(t.text().replace(" ", ""))
                    : Base64.getDecoder().decode(t.text());
        } catch (IllegalArgumentException e) {
            throw new SqlSyntaxException(kind.is("DIGEST") ? "DIGEST takes 40 hexadecimal digits"
                    : "EDIGEST takes a digest in base64", t.column());
        }
        if (digest.length != DIGEST_BYTES) {
            throw new SqlSyntaxException("a digest is " + DIGEST_BYTES + " bytes, this one is " + digest.length,
                    t.column());
        }
        return new Statement.DigestKey(digest);
    }

    private static void checkUserKey(Literal key, Token at) {
        if (!(key instanceof Literal.Str) && !(key instanceof Literal.Int)) {
            throw new SqlSyntaxException(key instanceof Literal.Dbl ? "PK cannot be a floating point value"
                    : "a primary key is a string or an integer", at.column());
        }
    }

    private long limit() {
        next();
        long n = integer("the LIMIT (an integer)");
        if (n <= 0) {
            throw new SqlSyntaxException("LIMIT takes a positive number of records", tokens.get(at - 1).column());
        }
        return n;
    }

    private long integer(String what) {
        Token t = next();
        Literal v = t.kind() == Token.Kind.NUMBER ? number(t) : null;
        if (v instanceof Literal.Int i) {
            return i.value();
        }
        throw new SqlSyntaxException("expected " + what + ", found " + t.shown(), t.column());
    }

    /** A value with aql's casts: {@code TYPE(value)}, {@code CAST(value AS TYPE)}, or a plain value. */
    private Literal value() {
        Token t = peek();
        if (t.is("CAST") && tokens.get(at + 1).isSymbol("(")) {
            next();
            next();
            Token inner = next();
            keyword("AS");
            Token type = next();
            ValueType vt = ValueType.of(type);
            if (vt == null) {
                throw new SqlSyntaxException("unknown type " + type.shown() + ": " + ValueType.NAMES, type.column());
            }
            symbol(")");
            return cast(inner, vt);
        }
        ValueType vt = t.kind() == Token.Kind.WORD ? ValueType.of(t) : null;
        if (vt != null && tokens.get(at + 1).isSymbol("(")) {
            next();
            next();
            Token inner = next();
            symbol(")");
            return cast(inner, vt);
        }
        return plainValue();
    }

    /** A string, number, boolean or NULL, no casts (what aql takes for a key). */
    private Literal plainValue() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return inBandJson(t);
            case NUMBER:
                return number(t);
            case WORD:
                if (t.is("NULL")) {
                    return new Literal.Nil();
                }
                if (t.is("TRUE")) {
                    return new Literal.Bool(true);
                }
                if (t.is("FALSE")) {
                    return new Literal.Bool(false);
                }
                throw new SqlSyntaxException("expected a value, found " + t.shown()
                        + " (make sure strings are in quotes)", t.column());
            default:
                throw new SqlSyntaxException("expected a value, found " + t.shown(), t.column());
        }
    }

    /** aql's in-band JSON: a string that starts with JSON and then a list or a map is that JSON value. */
    private static Literal inBandJson(Token t) {
        String s = t.text();
        if (s.length() > 4 && s.regionMatches(true, 0, "JSON", 0, 4)) {
            String rest = s.substring(4).strip();
            if (rest.startsWith("[") || rest.startsWith("{")) {
                return new Literal.Json(json(rest, t, "JSON"));
            }
        }
        return new Literal.Str(s);
    }

    private static Literal number(Token t) {
        String s = t.text();
        boolean negative = s.startsWith("-");
        String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                long v = Long.parseUnsignedLong(digits.substring(2), 16);
                return new Literal.Int(negative ? -v : v);
            }
            if (digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0) {
                return new Literal.Int(Long.parseLong(negative ? "-" + digits : digits));
            }
            return new Literal.Dbl(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException(s + " is out of the range of a 64-bit integer", t.column());
        }
    }

    /** aql's casts: the inner token read as the type says. */
    private static Literal cast(Token inner, ValueType type) {
        if (inner.kind() == Token.Kind.SYMBOL || inner.kind() == Token.Kind.END) {
            throw new SqlSyntaxException("expected a value to cast to " + type.name() + ", found " + inner.shown(),
                    inner.column());
        }
        String s = inner.text();
        if (inner.kind() != Token.Kind.STRING && s.equalsIgnoreCase("NULL")) {
            return new Literal.Nil();
        }
        String trimmed = s.strip();
        try {
            return switch (type) {
                case INT -> {
                    Literal n = number(new Token(Token.Kind.NUMBER, trimmed, inner.column()));
                    if (n instanceof Literal.Int) {
                        yield n;
                    }
                    throw new NumberFormatException();
                }
                case FLOAT -> new Literal.Dbl(Double.parseDouble(trimmed));
                case BOOL -> {
                    if (trimmed.equalsIgnoreCase("true")) {
                        yield new Literal.Bool(true);
                    }
                    if (trimmed.equalsIgnoreCase("false")) {
                        yield new Literal.Bool(false);
                    }
                    yield new Literal.Bool(Long.parseLong(trimmed) != 0);
                }
                case STRING -> new Literal.Str(s);
                case JSON -> new Literal.Json(json(s, inner, "JSON"));
                case LIST -> {
                    Object v = json(s, inner, "LIST");
                    if (!(v instanceof List)) {
                        throw new SqlSyntaxException("LIST takes a JSON list: LIST('[1, 2]')", inner.column());
                    }
                    yield new Literal.Json(v);
                }
                case MAP -> {
                    Object v = json(s, inner, "MAP");
                    if (!(v instanceof Map)) {
                        throw new SqlSyntaxException("MAP takes a JSON object: MAP('{\"a\": 1}')", inner.column());
                    }
                    yield new Literal.Json(v);
                }
                case GEOJSON -> {
                    Object v = json(s, inner, "GEOJSON");
                    if (!(v instanceof Map)) {
                        throw new SqlSyntaxException("GEOJSON takes a GeoJSON object: GEOJSON('{\"type\": \"Point\","
                                + " \"coordinates\": [0, 0]}')", inner.column());
                    }
                    yield new Literal.Geo(s);
                }
            };
        } catch (NumberFormatException e) {
            throw new SqlSyntaxException("cannot cast " + inner.shown() + " to " + type.name(), inner.column());
        }
    }

    private static Object json(String text, Token at, String type) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            throw new SqlSyntaxException("invalid " + type + " value: " + firstLine(e.getMessage()), at.column());
        }
        if (node == null || node.isMissingNode()) {
            throw new SqlSyntaxException("invalid " + type + " value: empty", at.column());
        }
        return toJava(node, at);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Object toJava(JsonNode n, Token at) {
        if (n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new SqlSyntaxException(n + " in the JSON value is out of the range of a 64-bit integer",
                        at.column());
            }
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                list.add(toJava(e, at));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            map.put(f.getKey(), toJava(f.getValue(), at));
        }
        return map;
    }

    private String name(String what) {
        Token t = next();
        if (t.kind() == Token.Kind.WORD || (t.kind() == Token.Kind.STRING && !t.text().isEmpty())) {
            if (t.text().indexOf(';') >= 0 || t.text().indexOf(':') >= 0) {
                throw new SqlSyntaxException("names cannot hold ';' or ':'", t.column());
            }
            return t.text();
        }
        throw new SqlSyntaxException("expected " + what + ", found " + t.shown(), t.column());
    }

    private void keyword(String keyword) {
        Token t = next();
        if (!t.is(keyword)) {
            throw new SqlSyntaxException("expected " + keyword + ", found " + t.shown(), t.column());
        }
    }

    private void symbol(String symbol) {
        Token t = next();
        if (!t.isSymbol(symbol)) {
            throw new SqlSyntaxException("expected '" + symbol + "', found " + t.shown(), t.column());
        }
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Token.Kind.END) {
            at++;
        }
        return t;
    }

    private SqlSyntaxException error(String message) {
        return new SqlSyntaxException(message, peek().column());
    }

    /** aql's type names, for {@code TYPE(value)} and {@code CAST(value AS TYPE)}. */
    enum ValueType {
        INT, FLOAT, BOOL, STRING, JSON, LIST, MAP, GEOJSON;

        static final String NAMES = "INT (DECIMAL, NUMERIC), FLOAT (REAL), BOOL, STRING (CHAR, TEXT, VARCHAR),"
                + " JSON, LIST, MAP, GEOJSON";

        static ValueType of(Token t) {
            if (t.kind() != Token.Kind.WORD) {
                return null;
            }
            return switch (t.text().toUpperCase(Locale.ROOT)) {
                case "DECIMAL", "INT", "NUMERIC" -> INT;
                case "FLOAT", "REAL" -> FLOAT;
                case "BOOL" -> BOOL;
                case "CHAR", "STRING", "TEXT", "VARCHAR" -> STRING;
                case "JSON" -> JSON;
                case "LIST" -> LIST;
                case "MAP" -> MAP;
                case "GEOJSON" -> GEOJSON;
                default -> null;
            };
        }
    }
}
