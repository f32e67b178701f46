package io.aerolog.core.udf;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.GenerationPolicy;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.RecordExistsAction;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.engine.ChangeKind;
import io.aerolog.core.engine.Effect;
import io.aerolog.core.engine.OpResult;
import io.aerolog.core.engine.Outcome;
import io.aerolog.core.exp.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;

/**
 * Applies a record UDF command, as Aerospike's server does ({@code udf.c}, {@code udf_master_apply}): runs the
 * module's function on the record in a fresh Lua sandbox bounded by {@link UdfLimits}, then writes the record
 * as the UDF's updates left it (or deletes it when they left no bin), or leaves it as it was when the UDF
 * only read.
 *
 * <p>Answers, as the server's: OK with the function's return value in bin {@code SUCCESS} (nil when it returns
 * nothing, or a table); UDF_BAD_RESPONSE (100) with the error in bin {@code FAILURE} when the UDF fails
 * (Lua's message, {@code "function not found"}, {@code "UDF: Execution Error 1"} when the module does not
 * load, {@code "...: UDF Execution Timeout"} past the instruction bound, {@code "not enough memory"} past the
 * memory bound), its other answers without bins: PARAMETER_ERROR for a generation check or an exists action
 * other than UPDATE, FILTERED_OUT where the filter expression is false, the code of an update that failed
 * (BIN_TYPE_ERROR for a value a bin cannot hold, BIN_NAME_TOO_LONG past 512 bins), KEY_NOT_FOUND_ERROR for
 * a record the UDF created and left without bins, RECORD_TOO_BIG. A failed call changes nothing.
 *
 * <p>Pure: the call reads nothing but the command and the record (its clock is the command's time, its
 * random numbers are seeded from the command), so replaying the command gives the same record and answer.
 */
public final class RecordUdf {
    /** Aerospike's largest TTL, 10 years in seconds. */
    private static final int MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;
    static final String SUCCESS = "SUCCESS";
    static final String FAILURE = "FAILURE";

    /** What the record a UDF runs on knows of its command. */
    record Context(Record existing, Value messageKey, String set, byte[] digest, long nowMillis, boolean memoryStorage,
                   boolean readOnly) {
    }

    private RecordUdf() {
    }

    /** Whether {@code command} is a UDF call. */
    public static boolean isUdf(Command command) {
        for (Operation op : command.operations()) {
            if (op.type() == OperationType.UDF) {
                return true;
            }
        }
        return false;
    }

    /** Applies UDF command {@code command} to {@code existing} (null when absent or expired) in namespace {@code ns}. */
    public static Outcome apply(Record existing, Command command, NamespaceConfig ns) {
        try {
            return applyOrRefuse(existing, command, ns);
        } catch (AerologException e) {
            return Outcome.refused(e.resultCode(), e.getMessage());
        }
    }

    private static Outcome applyOrRefuse(Record existing, Command command, NamespaceConfig ns) {
        if (command.operations().size() != 1) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF command carries its UDF operation alone, not "
                    + command.operations().size() + " operations");
        }
        UdfCall call = UdfCall.fromValue(command.operations().get(0).value());
        if (!call.hash().equals(UdfModule.hash(call.module(), call.source()))) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "the UDF operation's source of module "
                    + call.module() + " is not version " + call.hash());
        }
        WritePolicy policy = command.policy();
        if (policy.generationPolicy() != GenerationPolicy.NONE
                || policy.recordExistsAction() != RecordExistsAction.UPDATE) {
            throw new AerologException(ResultCode.PARAMETER_ERROR, "a UDF takes no generation check and no exists"
                    + " action but UPDATE, as Aerospike's server refuses them");
        }
        long now = command.timeMillis();
        byte[] digest = command.key().digest().bytes();
        if (existing == null && call.background()) {
            throw new AerologException(ResultCode.KEY_NOT_FOUND_ERROR, "a background job's UDF runs on records that"
                    + " exist, and " + command.key() + " does not");
        }
        if (existing != null && command.filter() != null && !Expressions.matches(command.filter(), existing, digest, now)) {
            throw new AerologException(ResultCode.FILTERED_OUT, "the command's filter expression is false for this record");
        }
        Value messageKey = policy.sendKey() ? command.key().userKey() : null;
        Context context = new Context(existing, messageKey, command.key().set(), digest, now,
                ns.storage() == NamespaceConfig.Storage.MEMORY, false);
        Session session = Session.of(now, seed(digest, now)).enter();
        try {
            Globals g = Sandbox.globals(session);
            if (!loaded(call, g)) {
                return failure(existing, "UDF: Execution Error 1");
            }
            LuaValue f = g.get(call.function());
            if (f.isnil()) {
                return failure(existing, "function not found");
            }
            UdfRecord rec = new UdfRecord(context);
            List<Value> args = call.argumentList();
            LuaValue[] argv = new LuaValue[args.size() + 1];
            argv[0] = rec;
            for (int i = 0; i < args.size(); i++) {
                argv[i + 1] = Values.toLua(args.get(i), "argument " + (i + 1));
            }
            Varargs r = f.invoke(LuaValue.varargsOf(argv));
            Value returned = Values.toValue(r.arg1(), 0);
            return finish(existing, command, ns, rec, returned == null ? Value.NIL : returned);
        } catch (LuaError e) {
            return failure(existing, message(e));
        } catch (UdfAbort e) {
            return failure(existing, e.getMessage());
        } catch (StackOverflowError e) {
            return failure(existing, "stack overflow");
        } catch (OutOfMemoryError e) {
            return failure(existing, "not enough memory");
        } finally {
            session.leave();
        }
    }

    /** Runs the module's top level in {@code g}; false when it does not compile or fails (the server's "require" fails). */
    static boolean loaded(UdfCall call, Globals g) {
        Prototype p;
        try {
            p = CompiledModules.get(call.module(), call.hash(), call.source());
        } catch (LuaError e) {
            return false;
        }
        try {
            new LuaClosure(p, g).call();
            return true;
        } catch (LuaError | UdfAbort e) {
            return false;
        }
    }

    /** The FAILURE text of a Lua error: its message, or the server's words when the error is not a string. */
    static String message(LuaError e) {
        LuaValue m = e.getMessageObject();
        return m != null && m.isstring() && !m.isnumber() ? m.tojstring() : "result value type unexpected";
    }

    private static Outcome failure(Record existing, String message) {
        return new Outcome(ResultCode.UDF_BAD_RESPONSE, message, Effect.NONE, existing,
                List.of(new OpResult(FAILURE, Value.of(message))), null);
    }

    /** The record as the UDF left it ({@code udf_master_write}), or its refusal. */
    private static Outcome finish(Record existing, Command command, NamespaceConfig ns, UdfRecord rec, Value returned) {
        if (rec.resultCode() != ResultCode.OK) {
            return Outcome.refused(rec.resultCode(), "the UDF's update failed with " + rec.resultCode());
        }
        List<OpResult> results = List.of(new OpResult(SUCCESS, returned));
        if (!rec.hasUpdates()) {
            return new Outcome(ResultCode.OK, null, Effect.NONE, existing, results, null);
        }
        long now = command.timeMillis();
        int ttl = rec.ttl() != null ? rec.ttl() : command.policy().expiration();
        if (ttl == WritePolicy.TTL_DONT_UPDATE && rec.oldBinCount() == 0) {
            ttl = WritePolicy.TTL_NAMESPACE_DEFAULT;
        }
        if (ttl != WritePolicy.TTL_NEVER_EXPIRE && ttl != WritePolicy.TTL_DONT_UPDATE && (ttl < 0 || ttl > MAX_TTL_SECONDS)) {
            return Outcome.refused(ResultCode.PARAMETER_ERROR, "TTL " + Integer.toUnsignedString(ttl)
                    + " is not valid: seconds up to 10 years, 0 (namespace default), -1 (never) or -2 (keep)");
        }
        Map<String, Value> bins = rec.bins();
        if (bins.isEmpty()) {
            if (rec.oldBinCount() == 0 || existing == null) {
                return Outcome.refused(ResultCode.KEY_NOT_FOUND_ERROR, "the UDF left record " + command.key()
                        + " without bins, and it had none");
            }
            Record gone = new Record(existing.set(), existing.userKey(), Map.of(), existing.generation(),
                    existing.voidTimeMillis(), now);
            return new Outcome(ResultCode.OK, null, Effect.DELETE, gone, results, ChangeKind.DELETE);
        }
        for (Map.Entry<String, Value> bin : bins.entrySet()) {
            if (bin.getValue().depth() > Value.MAX_DEPTH) {
                return Outcome.refused(ResultCode.PARAMETER_ERROR, "bin '" + bin.getKey() + "' would nest lists and"
                        + " maps more than " + Value.MAX_DEPTH + " levels deep");
            }
        }
        boolean fresh = existing == null || rec.created();
        int generation = fresh ? 1 : existing.generation() >= 0xFFFF ? 1 : existing.generation() + 1;
        long voidTime;
        if (ttl == WritePolicy.TTL_NEVER_EXPIRE) {
            voidTime = 0;
        } else if (ttl == WritePolicy.TTL_DONT_UPDATE) {
            voidTime = existing.voidTimeMillis();
        } else if (ttl == WritePolicy.TTL_NAMESPACE_DEFAULT) {
            voidTime = ns.defaultTtlSeconds() == 0 ? 0 : now + ns.defaultTtlSeconds() * 1000;
        } else {
            voidTime = now + ttl * 1000L;
        }
        String set = !fresh && command.key().set().isEmpty() ? existing.set() : command.key().set();
        Record after = new Record(set, rec.key(), bins, generation, voidTime, now);
        int size = after.estimatedSize();
        if (size > ns.maxRecordSize()) {
            return Outcome.refused(ResultCode.RECORD_TOO_BIG, "record of about " + size + " bytes is over namespace "
                    + ns.name() + "'s limit of " + ns.maxRecordSize() + " bytes");
        }
        return new Outcome(ResultCode.OK, null, Effect.WRITE, after, results, ChangeKind.WRITE);
    }

    /** The seed of a call's random numbers: its record's digest and its time, the same on every replay. */
    static long seed(byte[] digest, long now) {
        long s = 0;
        for (int i = 0; i < 8 && i < digest.length; i++) {
            s = (s << 8) | (digest[i] & 0xFF);
        }
        return s ^ (now * 0x9E3779B97F4A7C15L);
    }

    static List<LuaValue> toLua(List<Value> values) {
        List<LuaValue> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(Values.toLua(values.get(i), "argument " + (i + 1)));
        }
        return out;
    }
}
