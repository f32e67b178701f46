package io.aerolog.cli.backup;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The small pieces of asbackup's text format 3.1 shared by the writer and the reader: how names are
 * escaped (a backslash before a space, a line feed or a backslash, as asbackup's {@code escape_space}),
 * and how a double is written (C's {@code %.17g}, which asrestore reads back exactly).
 */
final class TextFormat {
    static final String VERSION_LINE = "Version 3.1";
    static final String LEGACY_VERSION_LINE = "Version 3.0";
    static final long CITRUS_EPOCH_SECONDS = 1_262_304_000L;

    private TextFormat() {
    }

    /** {@code name} with a backslash before each space, line feed and backslash. */
    static String escape(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c == ' ' || c == '\n') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A double as C's {@code printf("%.17g")} writes it: 17 significant digits, trailing zeros dropped. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = rounded.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            mantissa = stripZeros(mantissa);
            String sign = rounded.signum() < 0 ? "-" : "";
            String exp = Integer.toString(Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        return stripZeros(rounded.toPlainString());
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A void time of the file (citrus-epoch seconds, 0 never) from Unix milliseconds (0 never). */
    static long voidTimeFromUnixMillis(long millis) {
        return millis <= 0 ? 0 : Math.max(1, millis / 1000 - CITRUS_EPOCH_SECONDS);
    }
}
