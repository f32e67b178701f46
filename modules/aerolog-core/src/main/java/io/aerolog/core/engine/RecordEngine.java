package io.aerolog.core.engine;

import io.aerolog.core.AerologException;
import io.aerolog.core.Command;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import io.aerolog.core.bits.BitOperations;
import io.aerolog.core.cdt.CdtOperations;
import io.aerolog.core.exp.Expressions;
import io.aerolog.core.hll.HllOperations;
import io.aerolog.core.udf.RecordUdf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies a command to the current state of one record: Aerospike's single-record semantics as a
 * pure function. {@link #apply} serves the commands of the log (writes, and the reads among their
 * operations); {@link #read} serves reads, which do not go through the log.
 *
 * <p>Design note. Neither reads anything but its arguments: time comes from the command
 * ({@link Command#timeMillis()}) or the caller's read time, never from the wall clock, and no random
 * state is used, so replaying a partition's command log from offset 0 gives the same records and the
 * same outcomes, byte for byte. A refused command changes nothing: the checks (bin names, exists
 * action, generation, filter, operations, size, nesting) all run against a working copy, and only an
 * OK outcome carries an effect. Every refusal carries Aerospike's result code; the operations of
 * collections, bits, HyperLogLogs and expressions refuse with an {@link AerologException} that the
 * engine turns into the outcome. An expired record behaves exactly as an absent one, so its
 * generation restarts at 1.
 *
 * <p>Operations run in order on the working copy; a read sees the writes before it in the same
 * command, as in Aerospike's {@code operate}. A record left without bins is deleted. A UDF call is applied
 * by {@link RecordUdf}, under the same rules.
 */
public final class RecordEngine {
    /** Aerospike's limit on bin names, in bytes. */
    public static final int MAX_BIN_NAME_BYTES = 15;
    /** Aerospike keeps the generation in 16 bits; it wraps past this to 1. */
    public static final int MAX_GENERATION = 0xFFFF;
    /** Aerospike's largest TTL, 10 years in seconds. */
    public static final int MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;
    /** The deepest nesting of lists and maps a bin may hold ({@link Value#MAX_DEPTH}). */
    public static final int MAX_DEPTH = Value.MAX_DEPTH;

    private RecordEngine() {
    }

    /**
     * Applies {@code command} to {@code current} (null when the key has no record) in namespace {@code ns}.
     */
    public static Outcome apply(Record current, Command command, NamespaceConfig ns) {
        long now = command.timeMillis();
        Record existing = current != null && current.isExpiredAt(now) ? null : current;
        if (RecordUdf.isUdf(command)) {
            return RecordUdf.apply(existing, command, ns);
        }
        try {
            return applyOrRefuse(existing, command, ns, now);
        } catch (AerologException e) {
            return Outcome.refused(e.resultCode(), e.getMessage());
        }
    }

    /**
     * Serves a read of {@code current} (null when absent) at {@code nowMillis}: the read operations
     * of {@code operations} (READ, READ_HEADER and the reads of collections, bits, HyperLogLogs and
     * expressions) under the filter expression {@code filter} (null for none). The outcome carries the
     * record read (to answer its metadata) and what each operation returned; its effect is NONE.
     */
    public static Outcome read(Record current, List<Operation> operations, Value filter, long nowMillis) {
        return read(current, operations, filter, null, nowMillis);
    }

    /**
     * {@link #read(Record, List, Value, long)} of the record whose key has {@code digest} (its 20 bytes, for
     * expressions that read it; null when unknown).
     */
    public static Outcome read(Record current, List<Operation> operations, Value filter, byte[] digest,
                               long nowMillis) {
        Record existing = current != null && current.isExpiredAt(nowMillis) ? null : current;
        try {
            for (Operation op : operations) {
                if (op.type().isWrite()) {
                    throw refusal(ResultCode.PARAMETER_ERROR, op.type() + " is a write: a read carries reads only");
                }
            }
            validate(operations, false);
            if (existing == null) {
                throw refusal(ResultCode.KEY_NOT_FOUND_ERROR, "record not found");
            }
            checkFilter(filter, existing, digest, nowMillis);
            Working working = new Working(existing, new LinkedHashMap<>(existing.bins()), digest, nowMillis);
            List<OpResult> results = new ArrayList<>(operations.size());
            for (Operation op : operations) {
                working.run(op, results);
            }
            return new Outcome(ResultCode.OK, null, Effect.NONE, existing, results, null);
        } catch (AerologException e) {
            return Outcome.refused(e.resultCode(), e.getMessage());
        }
    }

    private static Outcome applyOrRefuse(Record existing, Command command, NamespaceConfig ns, long now) {
        WritePolicy policy = command.policy();
        validate(command.operations(), true);
        boolean writes = command.operations().stream().anyMatch(op -> op.type().isWrite());
        byte[] digest = command.key().digest().bytes();
        if (!writes) {
            Outcome read = read(existing, command.operations(), command.filter(), digest, now);
            if (read.resultCode() == ResultCode.KEY_NOT_FOUND_ERROR) {
                return Outcome.refused(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key());
            }
            return read;
        }

        RecordExistsAction action = RecordExistsAction.from(policy.recordExistsAction());
        if (existing == null && action.requiresRecord()) {
            throw refusal(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key()
                    + " (recordExistsAction " + policy.recordExistsAction() + " writes only existing records)");
        }
        if (existing != null && action == RecordExistsAction.CREATE_ONLY) {
            throw refusal(ResultCode.KEY_EXISTS_ERROR, "record already exists: " + command.key()
                    + " (recordExistsAction CREATE_ONLY)");
        }
        if (existing != null) {
            checkGeneration(policy, existing.generation());
            // Aerospike filters an existing record only: a create has nothing to filter
            checkFilter(command.filter(), existing, digest, now);
        } else if (!isDeleteOnly(command.operations())) {
            // write_master checks a record it creates against generation 0 (rw_utils' generation_check);
            // a delete of a missing record answers not found before any check (delete_master)
            checkGeneration(policy, 0);
        }

        Map<String, Value> bins = new LinkedHashMap<>();
        if (existing != null && !action.replaces()) {
            bins.putAll(existing.bins());
        }
        Record before = existing != null ? existing : new Record(command.key().set(), null, Map.of(), 0, 0, now);
        Working working = new Working(before, bins, digest, now);
        List<OpResult> results = new ArrayList<>(command.operations().size());
        for (Operation op : command.operations()) {
            working.run(op, results);
        }

        if (bins.isEmpty()) {
            if (existing == null) {
                // Aerospike's write_master: a command that leaves a record that did not exist without
                // bins (a touch, a delete, nil writes) answers AS_ERR_NOT_FOUND and creates nothing.
                throw refusal(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key()
                        + " (" + describe(command) + " needs an existing record or a bin to write)");
            }
            Record gone = new Record(existing.set(), existing.userKey(), Map.of(), existing.generation(),
                    existing.voidTimeMillis(), now);
            return new Outcome(ResultCode.OK, null, Effect.DELETE, gone, results, ChangeKind.DELETE);
        }
        for (Map.Entry<String, Value> bin : bins.entrySet()) {
            checkStorable(bin.getKey(), bin.getValue());
        }
        if (policy.expiration() > MAX_TTL_SECONDS) {
            throw refusal(ResultCode.PARAMETER_ERROR, "expiration " + policy.expiration()
                    + " s is over Aerospike's limit of " + MAX_TTL_SECONDS + " s (10 years)");
        }
        long voidTime = voidTime(policy.expiration(), existing, ns, now);
        if (voidTime < 0) {
            throw refusal(ResultCode.PARAMETER_ERROR, "expiration " + policy.expiration()
                    + " is not valid: use seconds > 0, 0 (namespace default), -1 (never expire) or -2 (keep TTL)");
        }
        int generation = existing == null ? 1 : nextGeneration(existing.generation());
        Value userKey = policy.sendKey() && command.key().userKey() != null ? command.key().userKey()
                : existing == null ? null : existing.userKey();
        // A record keeps the set it was created in: a write by digest alone often names no set.
        String set = existing != null && command.key().set().isEmpty() ? existing.set() : command.key().set();
        Record after = new Record(set, userKey, bins, generation, voidTime, now);
        int size = after.estimatedSize();
        if (size > ns.maxRecordSize()) {
            throw refusal(ResultCode.RECORD_TOO_BIG, "record of about " + size
                    + " bytes is over namespace " + ns.name() + "'s limit of " + ns.maxRecordSize() + " bytes");
        }
        return new Outcome(ResultCode.OK, null, Effect.WRITE, after, results, ChangeKind.WRITE);
    }

    /**
     * Whether a read at {@code nowMillis} with Aerospike's {@code readTouchTtlPercent} should reset the
     * record's TTL, as Aerospike's server decides ({@code as_read_touch_check}): the record expires, and
     * less than {@code percent}% of the TTL it was last written with is left. Returns that TTL in seconds
     * (what the touch sets again), or 0 when no touch is due.
     */
    public static int readTouchTtl(Record record, int percent, long nowMillis) {
        if (record == null || record.voidTimeMillis() == 0 || percent <= 0 || percent > 100) {
            return 0;
        }
        long voidSeconds = record.voidTimeMillis() / 1000;
        long writeTtl = voidSeconds - record.lastUpdateMillis() / 1000;
        if (writeTtl <= 0) {
            return 0;
        }
        long threshold = writeTtl * percent / 100;
        return nowMillis / 1000 >= voidSeconds - threshold ? (int) Math.min(writeTtl, MAX_TTL_SECONDS) : 0;
    }

    private static void checkFilter(Value filter, Record record, byte[] digest, long now) {
        if (filter != null && !Expressions.matches(filter, record, digest, now)) {
            throw refusal(ResultCode.FILTERED_OUT, "the command's filter expression is false for this record");
        }
    }

    /** A value a bin may hold: no infinity or wildcard, nested no deeper than {@link #MAX_DEPTH}. */
    private static void checkStorable(String bin, Value value) {
        if (value.depth() > MAX_DEPTH) {
            throw refusal(ResultCode.PARAMETER_ERROR, "bin '" + bin + "' would nest lists and maps "
                    + value.depth() + " levels deep; at most " + MAX_DEPTH + " are stored");
        }
        if (containsNonStorage(value)) {
            throw refusal(ResultCode.PARAMETER_ERROR, "bin '" + bin
                    + "' would hold an infinity or a wildcard, which only operation arguments may carry");
        }
    }

    private static boolean containsNonStorage(Value value) {
        if (value instanceof Value.InfinityValue || value instanceof Value.WildcardValue) {
            return true;
        }
        if (value instanceof Value.ListValue l) {
            for (Value item : l.items()) {
                if (containsNonStorage(item)) {
                    return true;
                }
            }
        } else if (value instanceof Value.MapValue m) {
            for (Map.Entry<Value, Value> e : m.entries().entrySet()) {
                if (containsNonStorage(e.getKey()) || containsNonStorage(e.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(Command command) {
        return command.operations().stream().map(op -> op.type().name()).distinct().collect(Collectors.joining("+"));
    }

    private static void validate(List<Operation> operations, boolean command) {
        if (operations.isEmpty()) {
            throw refusal(ResultCode.PARAMETER_ERROR, "a " + (command ? "command" : "read")
                    + " needs at least one operation");
        }
        for (Operation op : operations) {
            OperationType t = op.type();
            if (op.bin() != null && op.bin().getBytes(StandardCharsets.UTF_8).length > MAX_BIN_NAME_BYTES) {
                throw refusal(ResultCode.BIN_NAME_TOO_LONG, "bin name '" + op.bin() + "' is longer than "
                        + MAX_BIN_NAME_BYTES + " bytes");
            }
            boolean needsBin = switch (t) {
                case TOUCH, READ, READ_HEADER, DELETE -> false;
                default -> true;
            };
            if (needsBin && (op.bin() == null || op.bin().isEmpty())) {
                throw refusal(ResultCode.PARAMETER_ERROR, t + " needs a bin name");
            }
            boolean needsValue = switch (t) {
                case DELETE_BIN, TOUCH, READ, READ_HEADER, DELETE -> false;
                default -> true;
            };
            if (needsValue && op.value() == null) {
                throw refusal(ResultCode.PARAMETER_ERROR, t + " on bin '" + op.bin() + "' needs a value");
            }
            if ((t == OperationType.ADD || t == OperationType.APPEND || t == OperationType.PREPEND)
                    && op.value() instanceof Value.NilValue) {
                throw refusal(ResultCode.PARAMETER_ERROR, t + " on bin '" + op.bin() + "' needs a value, not nil");
            }
            boolean plainValue = switch (t) {
                case WRITE, ADD, APPEND, PREPEND -> true;
                default -> false;
            };
            if (plainValue && op.value().depth() > MAX_DEPTH) {
                throw refusal(ResultCode.PARAMETER_ERROR, t + " on bin '" + op.bin() + "' carries a value nested "
                        + op.value().depth() + " levels deep; at most " + MAX_DEPTH + " are accepted");
            }
        }
    }

    private static boolean isDeleteOnly(List<Operation> operations) {
        return operations.size() == 1 && operations.get(0).type() == OperationType.DELETE;
    }

    private static void checkGeneration(WritePolicy policy, int current) {
        String error = switch (policy.generationPolicy()) {
            case NONE -> null;
            case EXPECT_GEN_EQUAL -> policy.generation() == current ? null
                    : "generation is " + current + ", the write expected " + policy.generation()
                      + " (EXPECT_GEN_EQUAL): read the record again and retry";
            case EXPECT_GEN_GT -> policy.generation() > current ? null
                    : "generation is " + current + ", the write expected more than it (EXPECT_GEN_GT got "
                      + policy.generation() + ")";
        };
        if (error != null) {
            throw refusal(ResultCode.GENERATION_ERROR, error);
        }
    }

    /** The working copy of a record's bins while a command's operations run. */
    private static final class Working {
        private final Record before;
        private final Map<String, Value> bins;
        private final byte[] digest;
        private final long now;

        Working(Record before, Map<String, Value> bins, byte[] digest, long now) {
            this.before = before;
            this.bins = bins;
            this.digest = digest;
            this.now = now;
        }

        /** The record as the operations so far left it, for expressions. */
        private Record current() {
            return new Record(before.set(), before.userKey(), bins, before.generation(), before.voidTimeMillis(),
                    before.lastUpdateMillis());
        }

        void run(Operation op, List<OpResult> results) {
            String bin = op.bin();
            switch (op.type()) {
                case WRITE -> {
                    set(bin, op.value());
                    results.add(new OpResult(bin, null));
                }
                case DELETE_BIN -> {
                    bins.remove(bin);
                    results.add(new OpResult(bin, null));
                }
                case ADD -> {
                    add(op);
                    results.add(new OpResult(bin, null));
                }
                case APPEND, PREPEND -> {
                    concat(op);
                    results.add(new OpResult(bin, null));
                }
                case TOUCH -> results.add(new OpResult(null, null)); // the generation and TTL renew below
                case DELETE -> {
                    bins.clear();
                    results.add(new OpResult(null, null));
                }
                case READ -> {
                    if (bin == null) {
                        bins.forEach((name, value) -> results.add(new OpResult(name, value)));
                    } else {
                        results.add(new OpResult(bin, bins.get(bin)));
                    }
                }
                case READ_HEADER -> results.add(new OpResult(null, null));
                case CDT_READ -> results.add(new OpResult(bin, CdtOperations.read(bins.get(bin), op.value())));
                case CDT_MODIFY -> modified(bin, CdtOperations.modify(bins.get(bin), op.value()), results);
                case BIT_READ -> results.add(new OpResult(bin, BitOperations.read(bins.get(bin), op.value())));
                case BIT_MODIFY -> modified(bin, BitOperations.modify(bins.get(bin), op.value()), results);
                case HLL_READ -> results.add(new OpResult(bin, HllOperations.read(bins.get(bin), op.value())));
                case HLL_MODIFY -> modified(bin, HllOperations.modify(bins.get(bin), op.value()), results);
                case EXP_READ -> results.add(new OpResult(bin, Expressions.read(op.value(), current(), digest, now)));
                case EXP_MODIFY -> {
                    Value written = Expressions.modify(op.value(), bin, current(), digest, now);
                    if (written == null || written instanceof Value.NilValue) {
                        bins.remove(bin);
                    } else {
                        bins.put(bin, written);
                    }
                    results.add(new OpResult(bin, null));
                }
            }
        }

        private void set(String bin, Value value) {
            if (value instanceof Value.NilValue) {
                bins.remove(bin);
            } else {
                bins.put(bin, value);
            }
        }

        private void modified(String bin, BinOpResult r, List<OpResult> results) {
            if (r.bin() == null) {
                bins.remove(bin);
            } else {
                bins.put(bin, r.bin());
            }
            results.add(new OpResult(bin, r.result()));
        }

        /**
         * Aerospike's increment: on an absent bin it writes the operand (whatever its type); on a bin it
         * adds an integer to an integer or a double to a double, and anything else is BIN_TYPE_ERROR.
         */
        private void add(Operation op) {
            Value current = bins.get(op.bin());
            if (current == null) {
                set(op.bin(), op.value());
                return;
            }
            if (current instanceof Value.IntegerValue a && op.value() instanceof Value.IntegerValue b) {
                bins.put(op.bin(), Value.of(a.value() + b.value()));
            } else if (current instanceof Value.DoubleValue a && op.value() instanceof Value.DoubleValue b) {
                bins.put(op.bin(), Value.of(a.value() + b.value()));
            } else {
                throw refusal(ResultCode.BIN_TYPE_ERROR, "cannot ADD " + op.value().type() + " to bin '" + op.bin()
                        + "' of type " + current.type());
            }
        }

        /**
         * Aerospike's append and prepend: on an absent bin they write the operand; on a bin they join a
         * string to a string or bytes to bytes, and anything else is BIN_TYPE_ERROR.
         */
        private void concat(Operation op) {
            Value current = bins.get(op.bin());
            if (current == null) {
                set(op.bin(), op.value());
                return;
            }
            boolean append = op.type() == OperationType.APPEND;
            if (current instanceof Value.StringValue a && op.value() instanceof Value.StringValue b) {
                bins.put(op.bin(), Value.of(append ? a.value() + b.value() : b.value() + a.value()));
            } else if (current instanceof Value.BytesValue a && op.value() instanceof Value.BytesValue b) {
                byte[] first = append ? a.value() : b.value();
                byte[] second = append ? b.value() : a.value();
                byte[] joined = new byte[first.length + second.length];
                System.arraycopy(first, 0, joined, 0, first.length);
                System.arraycopy(second, 0, joined, first.length, second.length);
                bins.put(op.bin(), Value.of(joined));
            } else {
                throw refusal(ResultCode.BIN_TYPE_ERROR, "cannot " + op.type() + " " + op.value().type() + " to bin '"
                        + op.bin() + "' of type " + current.type());
            }
        }
    }

    private static AerologException refusal(ResultCode code, String message) {
        return new AerologException(code, message);
    }

    /** The void time of a write, or -1 for an invalid expiration. */
    private static long voidTime(int expiration, Record existing, NamespaceConfig ns, long now) {
        if (expiration == WritePolicy.TTL_NEVER_EXPIRE) {
            return 0;
        }
        if (expiration == WritePolicy.TTL_DONT_UPDATE) {
            return existing != null ? existing.voidTimeMillis() : voidTime(0, null, ns, now);
        }
        if (expiration == WritePolicy.TTL_NAMESPACE_DEFAULT) {
            return ns.defaultTtlSeconds() == 0 ? 0 : now + ns.defaultTtlSeconds() * 1000;
        }
        if (expiration > 0) {
            return now + expiration * 1000L;
        }
        return -1;
    }

    static int nextGeneration(int generation) {
        return generation >= MAX_GENERATION ? 1 : generation + 1;
    }

    /** How an exists action behaves. */
    private enum RecordExistsAction {
        MERGE(false, false), MERGE_EXISTING(false, true), REPLACE(true, false), REPLACE_EXISTING(true, true),
        CREATE_ONLY(false, false);

        private final boolean replaces;
        private final boolean requiresRecord;

        RecordExistsAction(boolean replaces, boolean requiresRecord) {
            this.replaces = replaces;
            this.requiresRecord = requiresRecord;
        }

        static RecordExistsAction from(io.aerolog.core.RecordExistsAction action) {
            return switch (action) {
                case UPDATE -> MERGE;
                case UPDATE_ONLY -> MERGE_EXISTING;
                case REPLACE -> REPLACE;
                case REPLACE_ONLY -> REPLACE_EXISTING;
                case CREATE_ONLY -> CREATE_ONLY;
            };
        }

        boolean replaces() {
            return replaces;
        }

        boolean requiresRecord() {
            return requiresRecord;
        }
    }
}
