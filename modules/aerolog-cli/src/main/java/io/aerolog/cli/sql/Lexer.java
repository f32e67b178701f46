package io.aerolog.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a statement into tokens as aql's lexer does: words (letters, digits, {@code _}, {@code -},
 * {@code $}; keywords are words), numbers (decimal integers, {@code 0x} hex, decimals with a point or an
 * exponent, optionally signed), strings in single or double quotes with no escapes (a doubled quote
 * stands for one quote, which aql does not take), and the symbols {@code ( ) , . * = ;}.
 */
final class Lexer {
    /** The longest statement taken, in characters. */
    static final int MAX_STATEMENT_CHARS = 1 << 20;

    private Lexer() {
    }

    static List<Token> tokens(String statement) {
        if (statement.length() > MAX_STATEMENT_CHARS) {
            throw new SqlSyntaxException("the statement is over " + MAX_STATEMENT_CHARS + " characters", 1);
        }
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = statement.length();
        while (i < n) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = string(statement, i, out);
            } else if (Character.isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n
                    && (Character.isDigit(statement.charAt(i + 1))
                    || (c != '.' && statement.charAt(i + 1) == '.' && i + 2 < n && Character.isDigit(statement.charAt(i + 2)))))) {
                i = number(statement, i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && isWordChar(statement.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, statement.substring(start, i), start + 1));
            } else if ("(),.*=;".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i + 1));
                i++;
            } else {
                throw new SqlSyntaxException("unexpected character '" + c + "'", i + 1);
            }
        }
        out.add(new Token(Token.Kind.END, "", n + 1));
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$';
    }

    private static int string(String s, int start, List<Token> out) {
        char quote = s.charAt(start);
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= s.length()) {
                throw new SqlSyntaxException("the string that starts here has no closing " + quote, start + 1);
            }
            char c = s.charAt(i);
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    text.append(quote);
                    i += 2;
                    continue;
                }
                out.add(new Token(Token.Kind.STRING, text.toString(), start + 1));
                return i + 1;
            }
            text.append(c);
            i++;
        }
    }

    private static int number(String s, int start, List<Token> out) {
        int i = start;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            i++;
        }
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
        } else {
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int e = i + 1;
                if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                    e++;
                }
                if (e < s.length() && Character.isDigit(s.charAt(e))) {
                    i = e;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        if (i < s.length() && isWordChar(s.charAt(i))) {
            int end = i;
            while (end < s.length() && isWordChar(s.charAt(end))) {
                end++;
            }
            throw new SqlSyntaxException("'" + s.substring(start, end) + "' is not a number (quote it if it is a string)",
                    start + 1);
        }
        out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start + 1));
        return i;
    }
}
