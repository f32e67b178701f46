package io.aerolog.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused info command is answered in its own place; the others as the info commands answer them. */
class InfoAccessTest {
    private final List<String> asked = new ArrayList<>();

    private String info(String request) {
        asked.add(request);
        return request.isEmpty() ? "summary\n" : request.strip() + "\tv\n";
    }

    private static String refuseSetConfig(String line) {
        return line.startsWith("set-config") ? "ERROR:81:role violation - requires permission 'set-config'" : null;
    }

    @Test
    void aRequestWithNothingRefusedGoesWhole() {
        assertThat(InfoAccess.answer("node\nnamespaces\n", InfoAccessTest::refuseSetConfig, this::info))
                .isEqualTo("node\nnamespaces\tv\n");
        assertThat(asked).containsExactly("node\nnamespaces\n");
        assertThat(InfoAccess.answer("", InfoAccessTest::refuseSetConfig, this::info)).isEqualTo("summary\n");
    }

    @Test
    void aRefusedCommandIsAnsweredInItsPlace() {
        String answer = InfoAccess.answer("node\nset-config:context=service;x=1\nnamespaces\n",
                InfoAccessTest::refuseSetConfig, this::info);
        assertThat(answer).isEqualTo("node\tv\n"
                + "set-config:context=service;x=1\tERROR:81:role violation - requires permission 'set-config'\n"
                + "namespaces\tv\n");
        assertThat(asked).containsExactly("node\n", "namespaces\n");
    }

    @Test
    void anUnendedLastLineIsPassedOnAsItCame() {
        InfoAccess.answer("set-config:x=1\nnode", InfoAccessTest::refuseSetConfig, this::info);
        assertThat(asked).containsExactly("node");
    }

    @Test
    void aRefusalAnywhereIsFoundAndTheNamesStayBounded() {
        StringBuilder request = new StringBuilder();
        for (int i = 0; i < InfoCommands.MAX_NAMES + 10; i++) {
            request.append("node\n");
        }
        request.append("set-config:x=1\n");
        String answer = InfoAccess.answer(request.toString(), InfoAccessTest::refuseSetConfig, this::info);
        assertThat(asked).hasSize(InfoCommands.MAX_NAMES);
        assertThat(answer).endsWith("ERROR:4:at most " + InfoCommands.MAX_NAMES + " names per info request\n")
                .doesNotContain("set-config");
    }

    @Test
    void anOversizedRequestIsLeftToTheInfoCommandsToRefuse() {
        String big = "set-config:" + "x".repeat(InfoCommands.MAX_REQUEST_BYTES) + "\n";
        InfoAccess.answer(big, InfoAccessTest::refuseSetConfig, this::info);
        assertThat(asked).containsExactly(big);
    }
}
