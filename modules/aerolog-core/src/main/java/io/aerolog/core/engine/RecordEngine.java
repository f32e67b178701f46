package io.aerolog.core.engine;

import io.aerolog.core.Command;
import io.aerolog.core.NamespaceConfig;
import io.aerolog.core.Operation;
import io.aerolog.core.OperationType;
import io.aerolog.core.Record;
import io.aerolog.core.ResultCode;
import io.aerolog.core.Value;
import io.aerolog.core.WritePolicy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a command to the current state of one record: Aerospike's single-record semantics as a
 * pure function.
 *
 * <p>Design note. {@link #apply} reads nothing but its arguments: time comes from the command
 * ({@link Command#timeMillis()}), never from the wall clock, and no random state is used, so
 * replaying a partition's command log from offset 0 gives the same records and the same outcomes,
 * byte for byte. A refused command changes nothing: the checks (bin names, exists action,
 * generation, operation types, size) all run against a working copy, and only an OK outcome carries
 * an effect. An expired record behaves exactly as an absent one, so its generation restarts at 1.
 *
 * <p>Operations run in order on the working copy; a read sees the writes before it in the same
 * command, as in Aerospike's {@code operate}. A record left without bins is deleted.
 */
public final class RecordEngine {
    /** Aerospike's limit on bin names, in bytes. */
    public static final int MAX_BIN_NAME_BYTES = 15;
    /** Aerospike keeps the generation in 16 bits; it wraps past this to 1. */
    public static final int MAX_GENERATION = 0xFFFF;
    /** Aerospike's largest TTL, 10 years in seconds. */
    public static final int MAX_TTL_SECONDS = 10 * 365 * 24 * 3600;

    private static final java.util.Set<OperationType> SERVED = java.util.EnumSet.of(OperationType.WRITE,
            OperationType.DELETE_BIN, OperationType.ADD, OperationType.APPEND, OperationType.PREPEND,
            OperationType.TOUCH, OperationType.READ, OperationType.READ_HEADER, OperationType.DELETE);

    private RecordEngine() {
    }

    /**
     * Applies {@code command} to {@code current} (null when the key has no record) in namespace {@code ns}.
     */
    public static Outcome apply(Record current, Command command, NamespaceConfig ns) {
        long now = command.timeMillis();
        Record existing = current != null && current.isExpiredAt(now) ? null : current;
        WritePolicy policy = command.policy();

        for (Operation op : command.operations()) {
            if (!SERVED.contains(op.type())) {
                return Outcome.refused(ResultCode.UNSUPPORTED_FEATURE, op.type() + " operations are not served yet");
            }
        }
        if (command.filter() != null) {
            return Outcome.refused(ResultCode.UNSUPPORTED_FEATURE, "filter expressions are not served yet");
        }
        String invalid = validate(command);
        if (invalid != null) {
            return Outcome.refused(invalid.startsWith("bin name") ? ResultCode.BIN_NAME_TOO_LONG
                    : ResultCode.PARAMETER_ERROR, invalid);
        }
        boolean writes = command.operations().stream().anyMatch(op -> op.type().isWrite());
        if (!writes) {
            if (existing == null) {
                return Outcome.refused(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key());
            }
            Map<String, Value> reads = new LinkedHashMap<>();
            for (Operation op : command.operations()) {
                read(op, existing.bins(), reads);
            }
            return new Outcome(ResultCode.OK, null, Effect.NONE, existing, reads, null);
        }

        RecordExistsAction action = RecordExistsAction.from(policy.recordExistsAction());
        if (existing == null && action.requiresRecord()) {
            return Outcome.refused(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key()
                    + " (recordExistsAction " + policy.recordExistsAction() + " writes only existing records)");
        }
        if (existing != null && action == RecordExistsAction.CREATE_ONLY) {
            return Outcome.refused(ResultCode.KEY_EXISTS_ERROR, "record already exists: " + command.key()
                    + " (recordExistsAction CREATE_ONLY)");
        }
        if (existing != null) {
            String genError = checkGeneration(policy, existing.generation());
            if (genError != null) {
                return Outcome.refused(ResultCode.GENERATION_ERROR, genError);
            }
        }

        Map<String, Value> bins = new LinkedHashMap<>();
        if (existing != null && !action.replaces()) {
            bins.putAll(existing.bins());
        }
        Map<String, Value> reads = new LinkedHashMap<>();
        for (Operation op : command.operations()) {
            switch (op.type()) {
                case WRITE -> {
                    if (op.value() instanceof Value.NilValue) {
                        bins.remove(op.bin());
                    } else {
                        bins.put(op.bin(), op.value());
                    }
                }
                case DELETE_BIN -> bins.remove(op.bin());
                case ADD -> {
                    String error = add(bins, op);
                    if (error != null) {
                        return Outcome.refused(ResultCode.BIN_TYPE_ERROR, error);
                    }
                }
                case APPEND, PREPEND -> {
                    String error = concat(bins, op);
                    if (error != null) {
                        return Outcome.refused(ResultCode.BIN_TYPE_ERROR, error);
                    }
                }
                case TOUCH -> {
                    // metadata only: the generation and TTL are renewed below, as for any write
                }
                case DELETE -> bins.clear();
                case READ, READ_HEADER -> read(op, bins, reads);
                default -> throw new IllegalStateException("unhandled operation " + op.type());
            }
        }

        if (bins.isEmpty()) {
            if (existing == null) {
                // Aerospike's write_master: a command that leaves a record that did not exist without
                // bins (a touch, a delete, nil writes) answers AS_ERR_NOT_FOUND and creates nothing.
                return Outcome.refused(ResultCode.KEY_NOT_FOUND_ERROR, "record not found: " + command.key()
                        + " (" + describe(command) + " needs an existing record or a bin to write)");
            }
            Record gone = new Record(existing.set(), existing.userKey(), Map.of(), existing.generation(),
                    existing.voidTimeMillis(), now);
            return new Outcome(ResultCode.OK, null, Effect.DELETE, gone, reads, ChangeKind.DELETE);
        }
        if (policy.expiration() > MAX_TTL_SECONDS) {
            return Outcome.refused(ResultCode.PARAMETER_ERROR, "expiration " + policy.expiration()
                    + " s is over Aerospike's limit of " + MAX_TTL_SECONDS + " s (10 years)");
        }
        long voidTime = voidTime(policy.expiration(), existing, ns, now);
        if (voidTime < 0) {
            return Outcome.refused(ResultCode.PARAMETER_ERROR, "expiration " + policy.expiration()
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
            return Outcome.refused(ResultCode.RECORD_TOO_BIG, "record of about " + size
                    + " bytes is over namespace " + ns.name() + "'s limit of " + ns.maxRecordSize() + " bytes");
        }
        return new Outcome(ResultCode.OK, null, Effect.WRITE, after, reads, ChangeKind.WRITE);
    }

    private static String describe(Command command) {
        return command.operations().stream().map(op -> op.type().name()).distinct()
                .collect(java.util.stream.Collectors.joining("+"));
    }

    private static String validate(Command command) {
        if (command.operations().isEmpty()) {
            return "a command needs at least one operation";
        }
        for (Operation op : command.operations()) {
            OperationType t = op.type();
            boolean needsBin = t == OperationType.WRITE || t == OperationType.DELETE_BIN || t == OperationType.ADD
                    || t == OperationType.APPEND || t == OperationType.PREPEND;
            if (op.bin() != null && op.bin().getBytes(StandardCharsets.UTF_8).length > MAX_BIN_NAME_BYTES) {
                return "bin name '" + op.bin() + "' is longer than " + MAX_BIN_NAME_BYTES + " bytes";
            }
            if (needsBin && (op.bin() == null || op.bin().isEmpty())) {
                return t + " needs a bin name";
            }
            boolean needsValue = t == OperationType.WRITE || t == OperationType.ADD
                    || t == OperationType.APPEND || t == OperationType.PREPEND;
            if (needsValue && op.value() == null) {
                return t + " on bin '" + op.bin() + "' needs a value";
            }
            if (t == OperationType.ADD && !(op.value() instanceof Value.IntegerValue
                    || op.value() instanceof Value.DoubleValue)) {
                return "ADD on bin '" + op.bin() + "' takes an integer or a double, not " + op.value().type();
            }
            if ((t == OperationType.APPEND || t == OperationType.PREPEND)
                    && !(op.value() instanceof Value.StringValue || op.value() instanceof Value.BytesValue)) {
                return t + " on bin '" + op.bin() + "' takes a string or bytes, not " + op.value().type();
            }
        }
        return null;
    }

    private static String checkGeneration(WritePolicy policy, int current) {
        return switch (policy.generationPolicy()) {
            case NONE -> null;
            case EXPECT_GEN_EQUAL -> policy.generation() == current ? null
                    : "generation is " + current + ", the write expected " + policy.generation()
                      + " (EXPECT_GEN_EQUAL): read the record again and retry";
            case EXPECT_GEN_GT -> policy.generation() > current ? null
                    : "generation is " + current + ", the write expected more than it (EXPECT_GEN_GT got "
                      + policy.generation() + ")";
        };
    }

    private static String add(Map<String, Value> bins, Operation op) {
        Value current = bins.get(op.bin());
        if (current == null) {
            bins.put(op.bin(), op.value());
            return null;
        }
        if (current instanceof Value.IntegerValue a && op.value() instanceof Value.IntegerValue b) {
            bins.put(op.bin(), Value.of(a.value() + b.value()));
            return null;
        }
        if (current instanceof Value.DoubleValue a && op.value() instanceof Value.DoubleValue b) {
            bins.put(op.bin(), Value.of(a.value() + b.value()));
            return null;
        }
        return "cannot ADD " + op.value().type() + " to bin '" + op.bin() + "' of type " + current.type();
    }

    private static String concat(Map<String, Value> bins, Operation op) {
        Value current = bins.get(op.bin());
        if (current == null) {
            bins.put(op.bin(), op.value());
            return null;
        }
        boolean append = op.type() == OperationType.APPEND;
        if (current instanceof Value.StringValue a && op.value() instanceof Value.StringValue b) {
            bins.put(op.bin(), Value.of(append ? a.value() + b.value() : b.value() + a.value()));
            return null;
        }
        if (current instanceof Value.BytesValue a && op.value() instanceof Value.BytesValue b) {
            byte[] first = append ? a.value() : b.value();
            byte[] second = append ? b.value() : a.value();
            byte[] joined = new byte[first.length + second.length];
            System.arraycopy(first, 0, joined, 0, first.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            bins.put(op.bin(), Value.of(joined));
            return null;
        }
        return "cannot " + op.type() + " " + op.value().type() + " to bin '" + op.bin() + "' of type " + current.type();
    }

    private static void read(Operation op, Map<String, Value> bins, Map<String, Value> reads) {
        if (op.type() != OperationType.READ) {
            return;
        }
        if (op.bin() == null) {
            reads.putAll(bins);
        } else {
            Value v = bins.get(op.bin());
            if (v != null) {
                reads.put(op.bin(), v);
            }
        }
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
