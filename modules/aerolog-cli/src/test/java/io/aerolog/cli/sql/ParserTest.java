package io.aerolog.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
    private static Statement parse(String s) {
        return Parser.parse(s);
    }

    /** The column an error points at. */
    private static int errorColumn(String s) {
        try {
            Parser.parse(s);
        } catch (SqlSyntaxException e) {
            return e.column();
        }
        throw new AssertionError("parsed: " + s);
    }

    @Test
    void insertWithEveryPlainLiteral() {
        Statement s = parse("INSERT INTO test.users (PK, name, visits, score, admin, gone) "
                + "VALUES ('ada', \"Ada\", 42, -1.5, true, NULL)");
        assertThat(s).isEqualTo(new Statement.Insert("test", "users", new Literal.Str("ada"),
                List.of("name", "visits", "score", "admin", "gone"),
                List.of(new Literal.Str("Ada"), new Literal.Int(42), new Literal.Dbl(-1.5), new Literal.Bool(true),
                        new Literal.Nil())));
    }

    @Test
    void insertKeywordsInAnyCaseNoSetAndIntegerKey() {
        assertThat(parse("insert into test (pk, a) values (7, 'x');")).isEqualTo(new Statement.Insert("test", null,
                new Literal.Int(7), List.of("a"), List.of(new Literal.Str("x"))));
    }

    @Test
    void jsonListMapAndGeoLiterals() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO test.t (PK, a, b, c, d, e) VALUES (1, "
                + "JSON('[1, \"x\", [2.5, null]]'), LIST('[]'), MAP('{\"k\": {\"n\": 1}}'), 'JSON{\"z\": true}', "
                + "GEOJSON('{\"type\": \"Point\", \"coordinates\": [1, 2]}'))");
        assertThat(s.values().get(0)).isEqualTo(new Literal.Json(java.util.Arrays.asList(1L, "x",
                java.util.Arrays.asList(2.5, null))));
        assertThat(s.values().get(1)).isEqualTo(new Literal.Json(List.of()));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1L);
        assertThat(s.values().get(2)).isEqualTo(new Literal.Json(Map.of("k", inner)));
        assertThat(s.values().get(3)).isEqualTo(new Literal.Json(Map.of("z", true)));
        assertThat(s.values().get(4)).isEqualTo(new Literal.Geo("{\"type\": \"Point\", \"coordinates\": [1, 2]}"));
    }

    @Test
    void mapKeepsTheOrderWritten() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO t.s (PK, m) VALUES (1, MAP('{\"b\": 1, \"a\": 2}'))");
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) ((Literal.Json) s.values().get(0)).value()).keySet())).containsExactly("b", "a");
    }

    @Test
    void castsAsAqlTakesThem() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO t.s (PK, a, b, c, d, e, f, g) VALUES ('k', "
                + "CAST('7' AS INT), DECIMAL('0x10'), FLOAT('1.5'), REAL(2), STRING(42), BOOL(0), CAST(NULL AS TEXT))");
        assertThat(s.values()).containsExactly(new Literal.Int(7), new Literal.Int(16), new Literal.Dbl(1.5),
                new Literal.Dbl(2), new Literal.Str("42"), new Literal.Bool(false), new Literal.Nil());
    }

    @Test
    void numbersHexExponentAndSigns() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO t.s (PK, a, b, c, d) VALUES (-3, 0x1F, 1e3, +.5, "
                + "-9223372036854775808)");
        assertThat(s.key()).isEqualTo(new Literal.Int(-3));
        assertThat(s.values()).containsExactly(new Literal.Int(31), new Literal.Dbl(1000), new Literal.Dbl(0.5),
                new Literal.Int(Long.MIN_VALUE));
    }

    @Test
    void aStringThatOnlyStartsWithJsonStaysAString() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO t.s (PK, a) VALUES (1, 'JSONATHAN')");
        assertThat(s.values()).containsExactly(new Literal.Str("JSONATHAN"));
    }

    @Test
    void quotesInsideStrings() {
        Statement.Insert s = (Statement.Insert) parse("INSERT INTO t.s (PK, a, b, c) VALUES (1, 'say \"hi\"', "
                + "\"it's\", 'it''s')");
        assertThat(s.values()).containsExactly(new Literal.Str("say \"hi\""), new Literal.Str("it's"),
                new Literal.Str("it's"));
    }

    @Test
    void quotedNames() {
        assertThat(parse("SELECT 'my bin' FROM \"test\".'my set' WHERE PK = 1")).isEqualTo(new Statement.Select(
                "test", "my set", List.of("my bin"), new Statement.ByKey(new Statement.UserKey(new Literal.Int(1))),
                null));
    }

    @Test
    void selectByKeyAllOrSomeBins() {
        assertThat(parse("SELECT * FROM test.users WHERE PK = 'ada'")).isEqualTo(new Statement.Select("test", "users",
                List.of(), new Statement.ByKey(new Statement.UserKey(new Literal.Str("ada"))), null));
        assertThat(parse("select name, visits from test where pk = 7")).isEqualTo(new Statement.Select("test", null,
                List.of("name", "visits"), new Statement.ByKey(new Statement.UserKey(new Literal.Int(7))), null));
    }

    @Test
    void selectByDigestInHexOrBase64() {
        byte[] digest = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f1011121314");
        Statement.Where expected = new Statement.ByKey(new Statement.DigestKey(digest));
        assertThat(((Statement.Select) parse("SELECT * FROM test WHERE DIGEST = '0102030405060708090A0B0C0D0E0F1011121314'"))
                .where()).isEqualTo(expected);
        assertThat(((Statement.Select) parse("SELECT * FROM test WHERE EDIGEST = '"
                + java.util.Base64.getEncoder().encodeToString(digest) + "'")).where()).isEqualTo(expected);
    }

    @Test
    void selectScanQueryAndLimits() {
        assertThat(parse("SELECT * FROM test.users")).isEqualTo(new Statement.Select("test", "users", List.of(), null,
                null));
        assertThat(parse("SELECT * FROM test.users LIMIT 10")).isEqualTo(new Statement.Select("test", "users",
                List.of(), null, 10L));
        assertThat(parse("SELECT name FROM test.users WHERE age = 30 LIMIT 5")).isEqualTo(new Statement.Select("test",
                "users", List.of("name"), new Statement.BinEquals("age", new Literal.Int(30)), 5L));
        assertThat(parse("SELECT * FROM test.users WHERE name = 'Ada'")).isEqualTo(new Statement.Select("test",
                "users", List.of(), new Statement.BinEquals("name", new Literal.Str("Ada")), null));
        assertThat(parse("SELECT * FROM test.users WHERE age BETWEEN -1 AND 30")).isEqualTo(new Statement.Select(
                "test", "users", List.of(), new Statement.BinBetween("age", -1, 30), null));
    }

    @Test
    void geoAndCollectionQueriesAsAqlWritesThem() {
        String point = "{\"type\": \"Point\", \"coordinates\": [0.0, 0.0]}";
        assertThat(parse("SELECT * FROM test.demo WHERE gj CONTAINS CAST('" + point + "' AS GEOJSON)"))
                .isEqualTo(new Statement.Select("test", "demo", List.of(), new Statement.BinGeo("gj", false, point),
                        null));
        assertThat(((Statement.Select) parse("select * from test where loc within GEOJSON('" + point + "') limit 3"))
                .where()).isEqualTo(new Statement.BinGeo("loc", true, point));
        assertThat(parse("SELECT * FROM test.demo IN LIST WHERE tags = 'red'")).isEqualTo(new Statement.Select(
                "test", "demo", List.of(), new Statement.InCollection("LIST", new Statement.BinEquals("tags",
                        new Literal.Str("red"))), null));
        assertThat(((Statement.Select) parse("SELECT * FROM test IN mapvalues WHERE m BETWEEN 1 AND 5 LIMIT 2"))
                .limit()).isEqualTo(2L);
        assertThatThrownBy(() -> parse("SELECT * FROM test WHERE gj CONTAINS 'not geo'"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("CONTAINS takes a GeoJSON value");
        assertThatThrownBy(() -> parse("SELECT * FROM test IN SET WHERE a = 1"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("LIST, MAPKEYS or MAPVALUES");
        assertThatThrownBy(() -> parse("SELECT * FROM test IN LIST WHERE PK = 1"))
                .isInstanceOf(SqlSyntaxException.class);
    }

    @Test
    void deleteByKeyOrDigest() {
        assertThat(parse("DELETE FROM test.users WHERE PK = 'ada'")).isEqualTo(new Statement.Delete("test", "users",
                new Statement.UserKey(new Literal.Str("ada"))));
        assertThat(parse("delete from test where PK=7;")).isEqualTo(new Statement.Delete("test", null,
                new Statement.UserKey(new Literal.Int(7))));
    }

    @Test
    void showSetAndHelp() {
        assertThat(parse("SHOW NAMESPACES")).isEqualTo(new Statement.Show(Statement.Show.What.NAMESPACES, null));
        assertThat(parse("show sets")).isEqualTo(new Statement.Show(Statement.Show.What.SETS, null));
        assertThat(parse("SHOW BINS")).isEqualTo(new Statement.Show(Statement.Show.What.BINS, null));
        assertThat(parse("SHOW INDEXES")).isEqualTo(new Statement.Show(Statement.Show.What.INDEXES, null));
        assertThat(parse("SHOW INDEXES test")).isEqualTo(new Statement.Show(Statement.Show.What.INDEXES, "test"));
        assertThat(parse("SET OUTPUT JSON")).isEqualTo(new Statement.SetOutput(Statement.OutputFormat.JSON));
        assertThat(parse("set output = table")).isEqualTo(new Statement.SetOutput(Statement.OutputFormat.TABLE));
        assertThat(parse("HELP")).isEqualTo(new Statement.Help());
    }

    @Test
    void indexStatementsAndTruncateAsAqlHasThem() {
        assertThat(parse("CREATE INDEX idx_age ON test.users (age) NUMERIC"))
                .isEqualTo(new Statement.CreateIndex("idx_age", "test", "users", "age", "DEFAULT", "NUMERIC"));
        assertThat(parse("create mapkeys index mk on test (m) string;"))
                .isEqualTo(new Statement.CreateIndex("mk", "test", null, "m", "MAPKEYS", "STRING"));
        assertThat(parse("CREATE LIST INDEX tags ON test.users (tags) STRING"))
                .isEqualTo(new Statement.CreateIndex("tags", "test", "users", "tags", "LIST", "STRING"));
        assertThat(parse("DROP INDEX test.users idx_age")).isEqualTo(new Statement.DropIndex("test", "users", "idx_age"));
        assertThat(parse("DROP INDEX test idx_age")).isEqualTo(new Statement.DropIndex("test", null, "idx_age"));
        assertThat(parse("TRUNCATE test.users")).isEqualTo(new Statement.Truncate("test", "users"));
        assertThat(parse("truncate test")).isEqualTo(new Statement.Truncate("test", null));
    }

    @ParameterizedTest(name = "{0} -> column {1}")
    @CsvSource(delimiter = '|', value = {
        "SELEC * FROM test|1",
        "INSERT test.users (PK, a) VALUES (1, 2)|8",
        "INSERT INTO test.users (name, a) VALUES (1, 2)|25",
        "INSERT INTO test.users (PK) VALUES (1)|27",
        "INSERT INTO test.users (PK, a VALUES (1, 2)|31",
        "INSERT INTO test.users (PK, a) VALUES (1, 2, 3)|39",
        "INSERT INTO test.users (PK, a) VALUES (1.5, 2)|40",
        "INSERT INTO test.users (PK, a) VALUES (true, 2)|40",
        "INSERT INTO test.users (PK, a) VALUES (1, abc)|43",
        "INSERT INTO test.users (PK, a) VALUES (1, 'abc)|43",
        "INSERT INTO test.users (PK, a) VALUES (1, 12abc)|43",
        "INSERT INTO test.users (PK, a) VALUES (1, 99999999999999999999)|43",
        "INSERT INTO test.users (PK, a) VALUES (1, JSON('[1,'))|48",
        "INSERT INTO test.users (PK, a) VALUES (1, LIST('{}'))|48",
        "INSERT INTO test.users (PK, a) VALUES (1, MAP('[]'))|47",
        "INSERT INTO test.users (PK, a) VALUES (1, CAST('x' AS INT))|48",
        "INSERT INTO test.users (PK, a) VALUES (1, CAST('1' AS WHATEVER))|55",
        "INSERT INTO test.users (PK, a) VALUES (1, 2|44",
        "SELECT * FROM test.users WHERE|31",
        "SELECT * FROM test.users WHERE PK 'ada'|35",
        "SELECT * FROM test.users WHERE PK = 'ada' LIMIT 3|43",
        "SELECT * FROM test.users LIMIT 3 WHERE PK = 1|40",
        "SELECT * FROM test.users WHERE age BETWEEN 5 AND 1|32",
        "SELECT * FROM test.users WHERE age BETWEEN 'a' AND 'b'|44",
        "SELECT * FROM test.users WHERE age = 1 AND b = 2|40",
        "SELECT * FROM test.users WHERE age > 1|36",
        "SELECT * FROM test.users LIMIT 0|32",
        "SELECT * FROM test.users WHERE DIGEST = '0102'|41",
        "SELECT * FROM test.users WHERE DIGEST = 'zz'|41",
        "SELECT * FROM test.users extra|26",
        "SELECT FROM test.users|8",
        "DELETE FROM test.users WHERE name = 'x'|30",
        "DELETE FROM test.users|23",
        "SHOW TABLES|6",
        "CREATE INDEX i ON test.users (age) TEXT|36",
        "CREATE TABLE t|8",
        "DROP INDEX test.users|22",
        "TRUNCATE|9",
        "SET TIMEOUT 5|5",
        "SET OUTPUT XML|12",
        "SELECT * FROM test.u;s WHERE PK = 1|22",
        "SELECT * FROM 'a:b' WHERE PK = 1|15",
        "SELECT * FROM test WHERE PK = 1 @|33",
    })
    void errorsSayWhere(String statement, int column) {
        assertThat(errorColumn(statement)).isEqualTo(column);
    }

    @Test
    void anEmptyStatementPointsPastItsEnd() {
        assertThat(errorColumn("   ")).isEqualTo(4);
        assertThatThrownBy(() -> parse("")).hasMessage("empty statement: try HELP");
    }

    @Test
    void errorMessagesSayWhatToFix() {
        assertThatThrownBy(() -> parse("INSERT INTO test.users (PK, a) VALUES (1, abc)"))
                .hasMessageContaining("make sure strings are in quotes");
        assertThatThrownBy(() -> parse("INSERT INTO test.users (PK, a, b) VALUES (1, 2)"))
                .hasMessage("3 names (PK and 2 bins) but 2 values");
        assertThatThrownBy(() -> parse("INSERT INTO test.users (PK, a) VALUES (1.5, 2)"))
                .hasMessage("PK cannot be a floating point value");
        assertThatThrownBy(() -> parse("SELECT * FROM test.users WHERE PK = 'ada' LIMIT 3"))
                .hasMessage("unexpected 'LIMIT' after the end of the statement");
        assertThatThrownBy(() -> parse("INSERT INTO t.s (PK, a) VALUES (1, 'x)"))
                .hasMessage("the string that starts here has no closing '");
    }

    @Test
    void describePointsAtTheColumn() {
        SqlSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(SqlSyntaxException.class,
                () -> parse("SELECT * FROM test.users WHERE age > 1"));
        assertThat(e.describe("SELECT * FROM test.users WHERE age > 1").lines().toList()).containsExactly(
                "Syntax error at column 36: unexpected character '>'",
                "  SELECT * FROM test.users WHERE age > 1",
                "                                     ^");
    }

    @Test
    void overlongStatementsAndDeepJsonAreRefused() {
        assertThatThrownBy(() -> parse("SELECT * FROM t WHERE PK = '" + "x".repeat(Lexer.MAX_STATEMENT_CHARS) + "'"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("over");
        String deep = "[".repeat(Parser.MAX_JSON_DEPTH + 1) + "]".repeat(Parser.MAX_JSON_DEPTH + 1);
        assertThatThrownBy(() -> parse("INSERT INTO t.s (PK, a) VALUES (1, JSON('" + deep + "'))"))
                .isInstanceOf(SqlSyntaxException.class).hasMessageContaining("invalid JSON value");
    }
}
