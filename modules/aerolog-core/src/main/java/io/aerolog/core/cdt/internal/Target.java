package io.aerolog.core.cdt.internal;

import io.aerolog.core.Value;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The container one operation acts on and what it does to it ({@code cdt_op_mem} and the parts of
 * {@code cdt_context} an operation sees): the value at the end of the context (or none: an absent
 * bin, or a context being created), whether the operation may modify it, what it wrote and what it
 * returns. An absent or being-created container reads as an empty one with the order the operation's
 * policy gives ({@code cdt_context_use_static_list_if_notinuse} and its map twin); it is stored only
 * if the operation writes, except that an absent bin given an empty container keeps it.
 */
final class Target {
    static final int LIST_FLAG_ORDERED = 0x01;
    static final int FLAG_PERSIST_INDEX = 0x10;
    static final int MAP_FLAGS_ORDER = 0x03;

    final boolean modify;
    /** No context: the operation acts on the bin itself. */
    final boolean topLevel;
    /** The bin exists ({@code as_bin_is_live}). */
    final boolean binLive;
    /** The context did not resolve and is being created; the operation acts on an empty container. */
    final boolean createTriggered;
    final Result result = new Result();

    private Value current;
    private int createFlags;
    private boolean emptyAssigned;
    private Value written;

    Target(Value current, boolean modify, boolean topLevel, boolean binLive, boolean createTriggered) {
        this.current = current;
        this.modify = modify;
        this.topLevel = topLevel;
        this.binLive = binLive;
        this.createTriggered = createTriggered;
    }

    /** Whether a container is there to act on ({@code cdt_context_inuse}). */
    boolean inUse() {
        return !createTriggered && current != null;
    }

    /** The value at the target, null when none. */
    Value current() {
        return current;
    }

    /**
     * An absent container becomes an empty list with these flags (invalid flags count as none); a
     * container being created takes them when it is created.
     */
    void useEmptyList(long flags) {
        int f = (int) (flags & 0xff);
        if (!topLevel) {
            f &= ~FLAG_PERSIST_INDEX;
        }
        if ((f & ~(LIST_FLAG_ORDERED | FLAG_PERSIST_INDEX)) != 0) {
            f = 0;
        }
        if (createTriggered) {
            createFlags = f;
        } else if (current == null) {
            current = emptyList(f);
            emptyAssigned = true;
        }
    }

    /** The map twin of {@link #useEmptyList}. */
    void useEmptyMap(long flags) {
        int f = (int) (flags & 0xff);
        if (!topLevel) {
            f &= ~FLAG_PERSIST_INDEX;
        }
        if ((f & ~(MAP_FLAGS_ORDER | FLAG_PERSIST_INDEX)) != 0) {
            f = 0;
        }
        if (createTriggered) {
            createFlags = f;
        } else if (current == null) {
            current = emptyMap(f);
            emptyAssigned = true;
        }
    }

    /** The list the operation reads ({@code packed_list_init_from_com}). */
    ListView list() {
        if (createTriggered) {
            return new ListView(List.of(), (createFlags & LIST_FLAG_ORDERED) != 0);
        }
        Value.ListValue l = (Value.ListValue) current;
        return new ListView(l.items(), l.ordered());
    }

    /** The map the operation reads ({@code packed_map_init_from_com}). */
    MapView map() {
        if (createTriggered) {
            return MapView.empty(MapView.order(createFlags));
        }
        return MapView.of((Value.MapValue) current);
    }

    /** The operation's new value at the target. */
    void write(Value value) {
        written = value;
    }

    /**
     * An operation that changed nothing still creates a container being created, empty
     * ({@code cdt_context_list_handle_possible_noop}).
     */
    void createIfTriggered(boolean list) {
        if (createTriggered) {
            written = list ? emptyList(createFlags) : emptyMap(createFlags);
        }
    }

    /** What the target holds after the operation, null when it is left as it was. */
    Value outcome() {
        if (written != null) {
            return written;
        }
        return emptyAssigned ? current : null;
    }

    static Value emptyList(int flags) {
        return new Value.ListValue(List.of(), (flags & LIST_FLAG_ORDERED) != 0);
    }

    static Value emptyMap(int flags) {
        return new Value.MapValue(new LinkedHashMap<>(), MapView.order(flags));
    }
}
