package io.aerolog.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operation written as JSON before it takes one of the gateway's two forms: its name and its fields,
 * both as the typed form ({@code /v2/operate}, batch {@code opsList}) names them.
 */
record Rendered(String name, ObjectNode fields) {
    static Rendered of(String name, String bin) {
        return new Rendered(name, OpTree.fields(bin));
    }
}
