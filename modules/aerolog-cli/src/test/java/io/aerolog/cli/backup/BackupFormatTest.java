package io.aerolog.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asbackup's text format 3.1: a file written by hand from asbackup's spec parses, and the writer writes it back. */
class BackupFormatTest {
    /** As asbackup writes it: header, a UDF, two indexes (one for every set), a record with a key and one without. */
    static final String HAND_WRITTEN = "Version 3.1\n"
            + "# namespace test\n"
            + "# first-file\n"
            + "* u L hello.lua 29 function hello() return 1 end\n"
            + "* i test demo idx_age N 1 age N\n"
            + "* i test  idx\\ all L 1 tags S\n"
            + "+ k S 3 ada\n"
            + "+ n test\n"
            + "+ d AQIDBAUGBwgJCgsMDQ4PEBESExQ=\n"
            + "+ s demo\n"
            + "+ g 3\n"
            + "+ t 0\n"
            + "+ b 10\n"
            + "- I age 36\n"
            + "- D score 0.10000000000000001\n"
            + "- S name 3 Ada\n"
            + "- Z ok T\n"
            + "- B blob 4 AQID\n"
            + "- G loc 44 {\"type\":\"Point\",\"coordinates\":[-122.0,37.5]}\n"
            + "- L tags 8 kgGiA2E=\n"
            + "- M m 8 gaIDawc=\n"
            + "- X enc 8 a2V5IQ==\n"
            + "- N gone\n"
            + "+ k B 8 a2V5IQ==\n"
            + "+ n test\n"
            + "+ d FRYXGBkaGxwdHh8gISIjJCUmJyg=\n"
            + "+ g 1\n"
            + "+ t 500000000\n"
            + "+ b 2\n"
            + "- S two\\ words 10 two\nlines!\n"
            + "- I neg -9223372036854775808\n";

    @Test
    void aHandWrittenFileParsesAsAsrestoreReadsIt() throws Exception {
        BackupReader reader = reader(HAND_WRITTEN);
        assertThat(reader.namespace()).isEqualTo("test");
        List<BackupEntry> entries = all(reader);
        assertThat(entries).hasSize(5);
        UdfFile udf = (UdfFile) entries.get(0);
        assertThat(udf.name()).isEqualTo("hello.lua");
        assertThat(new String(udf.content(), StandardCharsets.UTF_8)).isEqualTo("function hello() return 1 end");
        assertThat(entries.get(1)).isEqualTo(new IndexDefinition("test", "demo", "idx_age", 'N', "age", 'N', null));
        assertThat(entries.get(2)).isEqualTo(new IndexDefinition("test", "", "idx all", 'L', "tags", 'S', null));

        BackupRecord ada = (BackupRecord) entries.get(3);
        assertThat(ada.key()).isEqualTo(new BackupRecord.UserKey('S', "ada"));
        assertThat(ada.namespace()).isEqualTo("test");
        assertThat(ada.set()).isEqualTo("demo");
        assertThat(ada.digest()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        assertThat(ada.generation()).isEqualTo(3);
        assertThat(ada.voidTime()).isZero();
        List<BackupBin> bins = ada.bins();
        assertThat(bins).extracting(BackupBin::name)
                .containsExactly("age", "score", "name", "ok", "blob", "loc", "tags", "m", "enc", "gone");
        assertThat(bins).extracting(BackupBin::type).containsExactly('I', 'D', 'S', 'Z', 'B', 'G', 'L', 'M', 'S', 'N');
        assertThat(bins.get(0).value()).isEqualTo(36L);
        assertThat(bins.get(1).value()).isEqualTo(0.1);
        assertThat(bins.get(2).value()).isEqualTo("Ada");
        assertThat(bins.get(3).value()).isEqualTo(true);
        assertThat((byte[]) bins.get(4).value()).containsExactly(1, 2, 3);
        assertThat(bins.get(5).value()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[-122.0,37.5]}");
        assertThat((byte[]) bins.get(6).value()).containsExactly(0x92, 0x01, 0xa2, 0x03, 0x61);
        assertThat((byte[]) bins.get(7).value()).containsExactly(0x81, 0xa2, 0x03, 0x6b, 0x07);
        assertThat(bins.get(8).value()).isEqualTo("key!");
        assertThat(bins.get(9).value()).isNull();

        BackupRecord second = (BackupRecord) entries.get(4);
        assertThat((byte[]) second.key().value()).isEqualTo("key!".getBytes(StandardCharsets.UTF_8));
        assertThat(second.set()).isEmpty();
        assertThat(second.voidTime()).isEqualTo(500_000_000L);
        assertThat(second.bins().get(0)).isEqualTo(new BackupBin("two words", 'S', "two\nlines!"));
        assertThat(second.bins().get(1).value()).isEqualTo(Long.MIN_VALUE);
        assertThat(reader.next()).isNull();
    }

    @Test
    void theWriterWritesWhatAsbackupWrites() throws Exception {
        List<BackupEntry> entries = all(reader(HAND_WRITTEN));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupWriter writer = new BackupWriter(out, 0);
        writer.header("test", true);
        writer.udf((UdfFile) entries.get(0));
        writer.index((IndexDefinition) entries.get(1));
        writer.index((IndexDefinition) entries.get(2));
        writer.record((BackupRecord) entries.get(3));
        writer.record((BackupRecord) entries.get(4));
        // the X (base64 string) bin was read as a string, and asbackup writes strings as S
        String expected = HAND_WRITTEN.replace("- X enc 8 a2V5IQ==\n", "- S enc 4 key!\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(writer.bytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void doublesAreWrittenAsCPrintfG17() {
        assertThat(TextFormat.formatDouble(1.5)).isEqualTo("1.5");
        assertThat(TextFormat.formatDouble(0.1)).isEqualTo("0.10000000000000001");
        assertThat(TextFormat.formatDouble(-2)).isEqualTo("-2");
        assertThat(TextFormat.formatDouble(1e20)).isEqualTo("1e+20");
        assertThat(TextFormat.formatDouble(1.25e-7)).isEqualTo("1.2499999999999999e-07");
        assertThat(TextFormat.formatDouble(123456789.125)).isEqualTo("123456789.125");
        assertThat(TextFormat.formatDouble(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        for (double d : new double[] {Math.PI, -1e-300, 6.02214076e23, 1 / 3.0}) {
            assertThat(Double.parseDouble(TextFormat.formatDouble(d))).isEqualTo(d);
        }
    }

    @Test
    void aMalformedLineIsReportedWithItsNumber() throws Exception {
        String bad = HAND_WRITTEN.replace("+ g 1\n", "+ g one\n");
        BackupReader reader = reader(bad);
        assertThatThrownBy(() -> all(reader)).isInstanceOf(BackupFormatException.class)
                .hasMessage("line 27: expected an integer, found 'one'");

        assertThatThrownBy(() -> all(reader(HAND_WRITTEN.replace("- Z ok T", "- Q ok T"))))
                .hasMessageStartingWith("line 17: bin type 'Q'");
        assertThatThrownBy(() -> reader("Version 3.0\n")).hasMessageContaining("version 3.0");
        assertThatThrownBy(() -> reader("{\"not\": \"a backup\"}\n"))
                .hasMessage("line 1: expected 'Version 3.1', found '{\"not\": \"a backup\"}': is this a backup file"
                        + " in asbackup's text format?");
        assertThatThrownBy(() -> all(reader(HAND_WRITTEN.substring(0, HAND_WRITTEN.length() - 10))))
                .hasMessageContaining("the file ends");
    }

    private static BackupReader reader(String text) throws Exception {
        return new BackupReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<BackupEntry> all(BackupReader reader) throws Exception {
        List<BackupEntry> out = new ArrayList<>();
        BackupEntry e;
        while ((e = reader.next()) != null) {
            out.add(e);
        }
        return out;
    }
}
