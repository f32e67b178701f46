package io.aerolog.server.wire;

import java.util.function.UnaryOperator;

/**
 * An info request of a logged-in connection, with access control on: a command its user's roles do not
 * allow (setting configuration, truncating, administering indexes or UDFs) is answered with its refusal in
 * its own place, {@code name\tERROR:81:role violation - requires permission '...'}, as Aerospike's server
 * answers it, and the other commands as usual. A request with nothing refused goes to the info commands
 * whole, unchanged.
 */
final class InfoAccess {
    /** The refusal of one request line ({@code ERROR:code:message}), or null when it may be answered. */
    interface Refusals {
        String of(String line);
    }

    private InfoAccess() {
    }

    /**
     * The answer to {@code request}: {@code info}'s own when no line is refused, else line by line, with
     * no more lines and no longer an answer than the info commands allow.
     */
    static String answer(String request, Refusals refusals, UnaryOperator<String> info) {
        if (request.length() > InfoCommands.MAX_REQUEST_BYTES || !anyRefused(request, refusals)) {
            return info.apply(request);
        }
        StringBuilder out = new StringBuilder();
        int names = 0;
        int at = 0;
        while (at < request.length()) {
            int eol = request.indexOf('\n', at);
            boolean ended = eol >= 0;
            String line = request.substring(at, ended ? eol : request.length());
            at = ended ? eol + 1 : request.length();
            if (line.isBlank()) {
                continue;
            }
            if (++names > InfoCommands.MAX_NAMES) {
                out.append("ERROR:4:at most ").append(InfoCommands.MAX_NAMES).append(" names per info request\n");
                break;
            }
            String refusal = refusals.of(line);
            if (refusal != null) {
                out.append(line.trim()).append('\t').append(refusal).append('\n');
            } else if (out.length() > InfoCommands.MAX_ANSWER_CHARS) {
                out.append(line.trim()).append("\tERROR:4:the answer is over ").append(InfoCommands.MAX_ANSWER_CHARS)
                        .append(" characters: ask fewer names at once\n");
            } else {
                out.append(info.apply(ended ? line + "\n" : line));
            }
        }
        return out.toString();
    }

    /** Whether any line of {@code request} is refused. */
    static boolean anyRefused(String request, Refusals refusals) {
        for (String line : request.split("\n", -1)) {
            if (!line.isBlank() && refusals.of(line) != null) {
                return true;
            }
        }
        return false;
    }
}
