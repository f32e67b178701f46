package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parameters read as as_info_parameter_get reads them, and refused in the server's words. */
class InfoParamsTest {
    private static String refusal(boolean required, InfoParams.Param p) {
        InfoText out = new InfoText(new StringBuilder());
        boolean ok = required ? InfoParams.required(out, p) : InfoParams.optional(out, p);
        return ok ? "ok" : out.toString();
    }

    @Test
    void aValueRunsToTheNextSemicolonAndAKeyMatchesWhole() {
        InfoParams p = new InfoParams("context=namespace;ns=test;xns=other;a=b=c");
        assertThat(p.get("context", 1024).value()).isEqualTo("namespace");
        assertThat(p.get("ns", 1024).value()).isEqualTo("test");
        assertThat(p.get("a", 1024).value()).isEqualTo("b=c");
        assertThat(p.get("n", 1024).found()).isEqualTo(InfoParams.Found.ABSENT);
        assertThat(p.get("s", 1024).found()).isEqualTo(InfoParams.Found.ABSENT);
    }

    @Test
    void aliasesAreTriedInOrderAndAnswerUnderTheFirstName() {
        InfoParams.Param p = new InfoParams("id=test").get(32, "namespace", "id");
        assertThat(p.name()).isEqualTo("namespace");
        assertThat(p.value()).isEqualTo("test");
        assertThat(new InfoParams("namespace=a;id=b").get(32, "namespace", "id").value()).isEqualTo("a");
    }

    @Test
    void missingEmptyAndTooLongValuesAreRefusedInTheServersWords() {
        assertThat(refusal(true, new InfoParams("").get("context", 1024))).isEqualTo("ERROR:4:missing 'context'");
        assertThat(refusal(true, new InfoParams("").get(32, "namespace", "ns")))
                .isEqualTo("ERROR:20:missing 'namespace'");
        assertThat(refusal(false, new InfoParams("").get("max", 4))).isEqualTo("ok");
        assertThat(refusal(false, new InfoParams("max=").get("max", 4))).isEqualTo("ERROR:4:missing 'max' value");
        assertThat(refusal(false, new InfoParams("max=123").get("max", 4))).isEqualTo("ok");
        assertThat(refusal(false, new InfoParams("max=1234").get("max", 4))).isEqualTo("ERROR:4:'max' value too long");
        assertThat(refusal(true, new InfoParams("ns=" + "x".repeat(32)).get(32, "namespace", "ns")))
                .isEqualTo("ERROR:20:'namespace' value too long");
    }
}
