package io.aerolog.core.udf;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The VM's hook into one UDF call (LuaJ calls it on every call, return and instruction of a function
 * loaded with the call's globals): counts instructions against the {@link Budget}, keeps the call stack
 * (its depth bounded, its lines for error positions), and before each concatenation writes numbers as Lua
 * writes them (LuaJ would write 1/3 as a Java float) and charges the bytes the result will take.
 *
 * <p>Not LuaJ's debug library: no {@code debug} table is ever given to a UDF.
 */
final class Hook extends DebugLib {
    private final Budget budget;
    private final LuaFunction[] functions = new LuaFunction[UdfLimits.MAX_CALL_DEPTH + 1];
    private final LuaValue[][] stacks = new LuaValue[UdfLimits.MAX_CALL_DEPTH + 1][];
    private final int[] pcs = new int[UdfLimits.MAX_CALL_DEPTH + 1];
    private int depth;

    Hook(Budget budget) {
        this.budget = budget;
    }

    @Override
    public void onCall(LuaFunction f) {
        push(f, null);
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        push(c, stack);
    }

    private void push(LuaFunction f, LuaValue[] stack) {
        if (depth >= UdfLimits.MAX_CALL_DEPTH) {
            // thrown before the frame is entered: LuaJ does not call onReturn for it
            throw new LuaError(LuaValue.valueOf(position(0) + "stack overflow"));
        }
        functions[depth] = f;
        stacks[depth] = stack;
        pcs[depth] = -1;
        depth++;
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            depth--;
            functions[depth] = null;
            stacks[depth] = null;
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        int frame = depth - 1;
        if (frame < 0) {
            return;
        }
        pcs[frame] = pc;
        if (!budget.step()) {
            throw UdfAbort.timeout(position(1));
        }
        if (functions[frame] instanceof LuaClosure c) {
            int i = c.p.code[pc];
            if ((i & 0x3f) == Lua.OP_CONCAT) {
                concat(stacks[frame], i >>> 23, (i >> 14) & 0x1ff);
            }
        }
    }

    /** Writes the numbers among registers {@code b..c} as Lua does, and charges the concatenation's size. */
    private void concat(LuaValue[] stack, int b, int c) {
        if (stack == null) {
            return;
        }
        long size = 0;
        for (int r = b; r <= c && r < stack.length; r++) {
            LuaValue v = stack[r];
            if (v instanceof LuaDouble d) {
                stack[r] = LuaText.number(d);
                v = stack[r];
            }
            if (v instanceof LuaString s) {
                size += s.rawlen();
            }
        }
        budget.charge(size);
    }

    @Override
    public String traceback(int level) {
        return "";
    }

    /**
     * Lua's position prefix ({@code "file:line: "}) of the Lua function {@code level} frames below the top
     * one, as {@code luaL_where} writes it; empty when there is none there or it is not a Lua function.
     */
    String position(int level) {
        int frame = depth - 1 - level;
        if (frame < 0 || !(functions[frame] instanceof LuaClosure c)) {
            return "";
        }
        int pc = pcs[frame];
        int[] lines = c.p.lineinfo;
        if (lines == null || pc < 0 || pc >= lines.length) {
            return "";
        }
        return LuaText.source(c.p.source) + ":" + lines[pc] + ": ";
    }

    int depth() {
        return depth;
    }
}
