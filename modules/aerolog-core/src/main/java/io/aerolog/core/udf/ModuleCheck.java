package io.aerolog.core.udf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;

/**
 * What Aerospike's {@code udf-put} checks before it registers a module ({@code mod_lua}'s {@code validate}):
 * that it compiles, and that its top level runs (in a UDF's sandbox and bounds). A failure is reported as the
 * server reports it: the file, the line and the message, from Lua's {@code [string "file"]:line: message}.
 */
public final class ModuleCheck {
    private static final Pattern POSITION = Pattern.compile("^\\[string \"(.*)\"\\]:(\\d+): (.*)$", Pattern.DOTALL);

    /** Why a module was refused: where, and Lua's message. */
    public record Error(String file, int line, String message) {
    }

    private ModuleCheck() {
    }

    /** The reason {@code module} cannot be registered, or empty when it can. */
    public static Optional<Error> check(UdfModule module, long nowMillis) {
        Prototype p;
        try {
            p = CompiledModules.compile(module.content(), module.name());
        } catch (LuaError e) {
            return Optional.of(error(e.getMessage(), module.name()));
        }
        Session session = Session.of(nowMillis, nowMillis).enter();
        try {
            Globals g = Sandbox.globals(session);
            new LuaClosure(p, g).call();
            return Optional.empty();
        } catch (LuaError e) {
            return Optional.of(error(RecordUdf.message(e), module.name()));
        } catch (UdfAbort e) {
            return Optional.of(new Error(module.name(), 0, e.getMessage()));
        } catch (StackOverflowError e) {
            return Optional.of(new Error(module.name(), 0, "stack overflow"));
        } finally {
            session.leave();
        }
    }

    /** The server's {@code populate_error}: file, line and message of a positioned error, else its first line. */
    private static Error error(String message, String name) {
        if (message == null) {
            return new Error(name, 0, "(Null error message returned by lua)");
        }
        Matcher m = POSITION.matcher(message);
        if (m.matches()) {
            return new Error(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        }
        int eol = message.indexOf('\n');
        String first = eol < 0 ? message : message.substring(0, eol);
        return new Error("", 0, first.length() > 256 ? first.substring(0, 256) : first);
    }
}
