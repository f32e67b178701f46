package io.aerolog.core.exp;

import static io.aerolog.core.exp.ExpFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.ExpReadFlags;
import com.aerospike.client.exp.ExpWriteFlags;
import com.aerospike.client.query.RegexFlag;
import io.aerolog.core.AerologException;
import io.aerolog.core.Record;
import io.aerolog.core.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Evaluating an expression twice gives the same answer (value or result code), whatever the
 * expression and the record: no clock, no randomness, no hash order. Any bytes at all give a value or
 * an {@link AerologException}, never another exception, a stack overflow or a stall.
 */
class ExpressionDeterminismTest {
    private static final List<String> BINS = List.of("i", "j", "f", "s", "l", "t");

    @Provide
    Arbitrary<Record> records() {
        Arbitrary<Value> ints = Arbitraries.longs().map(Value::of);
        Arbitrary<Value> floats = Arbitraries.doubles().map(Value::of);
        Arbitrary<Value> strings = Arbitraries.strings().ofMaxLength(12).map(Value::of);
        Arbitrary<Value> lists = ints.list().ofMaxSize(4).map(l -> new Value.ListValue(l));
        Arbitrary<Value> any = Arbitraries.oneOf(ints, floats, strings, lists, Arbitraries.of(true, false).map(Value::of));
        return Combinators.combine(any.optional(), any.optional(), floats.optional(), strings.optional(),
                lists.optional(), Arbitraries.longs().between(0, 10_000_000L)).as((i, j, f, s, l, age) -> {
                    Map<String, Value> bins = new LinkedHashMap<>();
                    i.ifPresent(v -> bins.put("i", v));
                    j.ifPresent(v -> bins.put("j", v));
                    f.ifPresent(v -> bins.put("f", v));
                    s.ifPresent(v -> bins.put("s", v));
                    l.ifPresent(v -> bins.put("l", v));
                    return new Record("set", age % 2 == 0 ? Value.of(age) : null, bins, 1,
                            age % 3 == 0 ? 0 : NOW + age, NOW - age);
                });
    }

    private static Arbitrary<Exp> ints(int depth) {
        Arbitrary<Exp> leaves = Arbitraries.oneOf(
                Arbitraries.longs().map(Exp::val),
                Arbitraries.of(BINS).map(Exp::intBin),
                Arbitraries.of(Exp.ttl(), Exp.sinceUpdate(), Exp.lastUpdate(), Exp.voidTime(), Exp.recordSize(),
                        Exp.binType("i"), Exp.key(Exp.Type.INT)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Exp> sub = ints(depth - 1);
        return Arbitraries.oneOf(leaves,
                Combinators.combine(sub, sub).as(Exp::add),
                Combinators.combine(sub, sub).as(Exp::sub),
                Combinators.combine(sub, sub).as(Exp::mul),
                Combinators.combine(sub, sub).as(Exp::div),
                Combinators.combine(sub, sub).as(Exp::mod),
                Combinators.combine(sub, sub).as(Exp::lshift),
                Combinators.combine(sub, sub).as(Exp::arshift),
                Combinators.combine(sub, sub).as(Exp::intXor),
                Combinators.combine(sub, sub).as(Exp::min),
                sub.map(Exp::abs), sub.map(Exp::count), sub.map(Exp::intNot),
                floats(depth - 1).map(Exp::toInt),
                Combinators.combine(bools(depth - 1), sub, sub).as((c, a, b) -> Exp.cond(c, a, b)),
                Combinators.combine(sub, sub).as((a, b) -> Exp.let(Exp.def("v", a), Exp.add(Exp.var("v"), b))));
    }

    private static Arbitrary<Exp> floats(int depth) {
        Arbitrary<Exp> leaves = Arbitraries.oneOf(Arbitraries.doubles().map(Exp::val), Arbitraries.of(BINS).map(Exp::floatBin));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Exp> sub = floats(depth - 1);
        return Arbitraries.oneOf(leaves,
                Combinators.combine(sub, sub).as(Exp::pow),
                Combinators.combine(sub, sub).as(Exp::log),
                Combinators.combine(sub, sub).as(Exp::div),
                Combinators.combine(sub, sub).as(Exp::max),
                sub.map(Exp::floor), sub.map(Exp::ceil), ints(depth - 1).map(Exp::toFloat));
    }

    private static Arbitrary<Exp> bools(int depth) {
        Arbitrary<Exp> leaves = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(Exp::val),
                Arbitraries.of(BINS).map(Exp::binExists),
                Arbitraries.of(Exp.keyExists(), Exp.unknown(), Exp.isTombstone()),
                Arbitraries.of("^a", "b+c", "[[:digit:]]{2}", "(x|y)*z$").map(
                        p -> Exp.regexCompare(p, RegexFlag.EXTENDED, Exp.stringBin("s"))));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Exp> sub = bools(depth - 1);
        Arbitrary<Exp> i = ints(depth - 1);
        return Arbitraries.oneOf(leaves,
                Combinators.combine(i, i).as(Exp::eq),
                Combinators.combine(i, i).as(Exp::lt),
                Combinators.combine(floats(depth - 1), floats(depth - 1)).as(Exp::ge),
                Combinators.combine(Arbitraries.of(BINS).map(Exp::listBin),
                        Arbitraries.longs().list().ofMaxSize(3).map(l -> Exp.val(l))).as(Exp::le),
                Combinators.combine(sub, sub).as(Exp::and),
                Combinators.combine(sub, sub).as(Exp::or),
                Combinators.combine(sub, sub, sub).as(Exp::exclusive),
                sub.map(Exp::not));
    }

    @Provide
    Arbitrary<Exp> filters() {
        return bools(3);
    }

    @Provide
    Arbitrary<Exp> values() {
        return Arbitraries.oneOf(ints(3), floats(3), bools(3));
    }

    private static Object filterOutcome(Value filter, Record r) {
        try {
            return Expressions.matches(filter, r, NOW);
        } catch (AerologException e) {
            return e.resultCode();
        }
    }

    private static Object readOutcome(Value op, Record r) {
        try {
            return Expressions.read(op, r, NOW);
        } catch (AerologException e) {
            return e.resultCode();
        }
    }

    private static Object modifyOutcome(Value op, Record r) {
        try {
            return String.valueOf(Expressions.modify(op, "i", r, NOW));
        } catch (AerologException e) {
            return e.resultCode();
        }
    }

    @Property(tries = 300)
    void filtersAreDeterministic(@ForAll("filters") Exp filter, @ForAll("records") Record record) {
        Value f = ExpFixtures.filter(filter);
        Object first = filterOutcome(f, record);
        assertThat(filterOutcome(f, record)).isEqualTo(first);
        assertThat(first).isInstanceOfAny(Boolean.class, io.aerolog.core.ResultCode.class);
    }

    @Property(tries = 300)
    void operationsAreDeterministic(@ForAll("values") Exp exp, @ForAll("records") Record record) {
        Value read = ExpFixtures.readOp(exp, ExpReadFlags.DEFAULT);
        Value write = ExpFixtures.writeOp(exp, ExpWriteFlags.ALLOW_DELETE);
        Object r1 = readOutcome(read, record);
        Object w1 = modifyOutcome(write, record);
        assertThat(readOutcome(read, record)).isEqualTo(r1);
        assertThat(modifyOutcome(write, record)).isEqualTo(w1);
        if (r1 instanceof Value v) {
            assertThat(v.depth()).isLessThanOrEqualTo(Value.MAX_DEPTH);
        }
    }

    /** Hostile bytes: an answer or Aerospike's refusal, nothing else. */
    @Property(tries = 2000)
    void anyBytesGiveAnAnswerOrARefusal(@ForAll @Size(max = 40) byte[] bytes, @ForAll("records") Record record) {
        Value v = new Value.BytesValue(bytes);
        Object first = filterOutcome(v, record);
        assertThat(filterOutcome(v, record)).isEqualTo(first);
        Object read = readOutcome(v, record);
        assertThat(readOutcome(v, record)).isEqualTo(read);
    }

    /** Mutations of a valid expression's bytes: the same, closer to the grammar. */
    @Property(tries = 2000)
    void mutatedExpressionsGiveAnAnswerOrARefusal(@ForAll("filters") Exp filter, @ForAll int at, @ForAll byte with,
                                                  @ForAll("records") Record record) {
        byte[] bytes = ((Value.BytesValue) ExpFixtures.filter(filter)).value();
        bytes[Math.floorMod(at, bytes.length)] = with;
        Value v = new Value.BytesValue(bytes);
        Object first = filterOutcome(v, record);
        assertThat(filterOutcome(v, record)).isEqualTo(first);
    }
}
