package io.aerolog.cli.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoValuesTest {
    @Test
    void recordsAsSetsAndSindexListWriteThem() {
        assertThat(InfoValues.records("ns=test:set=users:objects=2:tombstones=0;ns=test:set=load:objects=7;"))
                .containsExactly(Map.of("ns", "test", "set", "users", "objects", "2", "tombstones", "0"),
                        Map.of("ns", "test", "set", "load", "objects", "7"));
        assertThat(InfoValues.records("")).isEmpty();
        assertThat(InfoValues.records("flag")).containsExactly(Map.of("flag", ""));
    }

    @Test
    void pairsAsNamespaceInfoWritesThem() {
        Map<String, String> p = InfoValues.pairs("replication-factor=1;objects=12;storage-engine=rocksdb");
        assertThat(p).containsExactly(Map.entry("replication-factor", "1"), Map.entry("objects", "12"),
                Map.entry("storage-engine", "rocksdb"));
    }

    @Test
    void errorsAreAerospikesErrorAnswers() {
        assertThat(InfoValues.isError("ERROR::unrecognized command")).isTrue();
        assertThat(InfoValues.isError("FAIL:4:bad")).isTrue();
        assertThat(InfoValues.isError("test;small")).isFalse();
        assertThat(InfoValues.isError(null)).isFalse();
    }

    @Test
    void answersKeepTheOrderAsked() {
        assertThat(InfoConnection.parse("node\tnode-1\nnamespaces\ttest;small\nempty\t\nbare\n")).isEqualTo(List.of(
                new InfoConnection.Entry("node", "node-1"), new InfoConnection.Entry("namespaces", "test;small"),
                new InfoConnection.Entry("empty", ""), new InfoConnection.Entry("bare", "")));
    }
}
