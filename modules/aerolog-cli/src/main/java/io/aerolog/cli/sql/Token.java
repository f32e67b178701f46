package io.aerolog.cli.sql;

import java.util.Locale;

/** One token of a statement: its kind, its text (a string's without quotes) and its 1-based column. */
record Token(Kind kind, String text, int column) {
    enum Kind { WORD, NUMBER, STRING, SYMBOL, END }

    boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** How an error names this token. */
    String shown() {
        return switch (kind) {
            case END -> "the end of the statement";
            case STRING -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}
