package io.aerolog.core.udf;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code os} library of a UDF, made replayable: {@code os.time()} is the command's time (seconds), not
 * the clock's; {@code os.date} writes times in UTC (a node's own time zone would make replays on other nodes
 * differ); {@code os.clock()} counts the call's Lua instructions, 10^8 to a second, so that a loop timed with
 * it ends at the same point on every replay; {@code os.difftime} as Lua's. What reaches outside the call
 * ({@code getenv}, {@code execute}, {@code exit}, {@code remove}, {@code rename}, {@code tmpname},
 * {@code setlocale}) raises an error that says so.
 */
final class OsLib {
    private static final double INSTRUCTIONS_PER_SECOND = 1e8;

    private OsLib() {
    }

    private static final Libraries.Functions LIB = Libraries.functions(Function::new, "time", "date", "clock", "difftime");
    private static final LuaTable REFUSED = new LuaTable();

    static {
        for (String name : new String[] {"getenv", "execute", "exit", "remove", "rename", "tmpname", "setlocale"}) {
            REFUSED.set(name, Sandbox.refused("os." + name, "a UDF runs inside the record's command, with nothing of the node's"));
        }
    }

    static LuaTable library() {
        LuaTable os = LIB.table();
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs n = REFUSED.next(k);
            k = n.arg1();
            if (k.isnil()) {
                return os;
            }
            os.set(k, n.arg(2));
        }
    }

    private static final class Function extends VarArgFunction {
        Function(String name) {
            this.name = name;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Session s = Session.current();
            return switch (name) {
                case "time" -> args.arg(1).isnil() ? valueOf(Math.floorDiv(s.nowMillis, 1000L)) : time(args.checktable(1));
                case "clock" -> valueOf(s.budget.instructions() / INSTRUCTIONS_PER_SECOND);
                case "difftime" -> valueOf(args.checkdouble(1) - args.optdouble(2, 0));
                case "date" -> date(args, s);
                default -> throw new IllegalStateException(name);
            };
        }

        private static LuaValue time(LuaTable t) {
            int year = field(t, "year", -1);
            int month = field(t, "month", -1);
            int day = field(t, "day", -1);
            LocalDateTime dt = LocalDateTime.of(year, 1, 1, 0, 0)
                    .plusMonths(month - 1L).plusDays(day - 1L)
                    .plusHours(field(t, "hour", 12)).plusMinutes(field(t, "min", 0)).plusSeconds(field(t, "sec", 0));
            return valueOf(dt.toEpochSecond(ZoneOffset.UTC));
        }

        private static int field(LuaTable t, String key, int def) {
            LuaValue v = t.get(key);
            if (v.isnil()) {
                if (def < 0) {
                    throw new org.luaj.vm2.LuaError(LuaValue.valueOf("field '" + key + "' missing in date table"));
                }
                return def;
            }
            return (int) Args.integer(v, 1, "time");
        }

        private static Varargs date(Varargs args, Session s) {
            String format = args.arg(1).isnil() ? "%c" : Args.string(args.arg(1), 1, "date").tojstring();
            long seconds = args.arg(2).isnil() ? Math.floorDiv(s.nowMillis, 1000L) : Args.integer(args.arg(2), 2, "date");
            if (format.startsWith("!")) {
                format = format.substring(1);
            }
            ZonedDateTime t = Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC);
            if (format.startsWith("*t")) {
                LuaTable out = new LuaTable();
                out.set("year", t.getYear());
                out.set("month", t.getMonthValue());
                out.set("day", t.getDayOfMonth());
                out.set("hour", t.getHour());
                out.set("min", t.getMinute());
                out.set("sec", t.getSecond());
                out.set("wday", t.getDayOfWeek().getValue() % 7 + 1);
                out.set("yday", t.getDayOfYear());
                out.set("isdst", FALSE);
                return out;
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                if (c != '%') {
                    out.append(c);
                    continue;
                }
                if (++i >= format.length()) {
                    throw Args.bad(1, "date", "invalid conversion specifier '%'");
                }
                out.append(conversion(format.charAt(i), t));
            }
            s.budget.charge(out.length());
            return valueOf(out.toString());
        }

        private static String conversion(char c, ZonedDateTime t) {
            return switch (c) {
                case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
                case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
                case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
                case 'c' -> conversion('a', t) + " " + conversion('b', t) + " " + String.format("%2d", t.getDayOfMonth())
                        + " " + conversion('T', t) + " " + t.getYear();
                case 'd' -> String.format("%02d", t.getDayOfMonth());
                case 'D', 'x' -> conversion('m', t) + "/" + conversion('d', t) + "/" + conversion('y', t);
                case 'e' -> String.format("%2d", t.getDayOfMonth());
                case 'F' -> t.getYear() + "-" + conversion('m', t) + "-" + conversion('d', t);
                case 'H' -> String.format("%02d", t.getHour());
                case 'I' -> String.format("%02d", (t.getHour() + 11) % 12 + 1);
                case 'j' -> String.format("%03d", t.getDayOfYear());
                case 'm' -> String.format("%02d", t.getMonthValue());
                case 'M' -> String.format("%02d", t.getMinute());
                case 'n' -> "\n";
                case 'p' -> t.getHour() < 12 ? "AM" : "PM";
                case 'S' -> String.format("%02d", t.getSecond());
                case 't' -> "\t";
                case 'T', 'X' -> conversion('H', t) + ":" + conversion('M', t) + ":" + conversion('S', t);
                case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
                case 'w' -> Integer.toString(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
                case 'y' -> String.format("%02d", t.getYear() % 100);
                case 'Y' -> Integer.toString(t.getYear());
                case 'z' -> "+0000";
                case 'Z' -> "UTC";
                case '%' -> "%";
                default -> throw Args.bad(1, "date", "invalid conversion specifier '%" + c + "'");
            };
        }
    }
}
