package io.aerolog.core.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerolog.core.Value;
import io.aerolog.core.cdt.internal.CdtEngine;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Breaks the core's build rules on purpose, in a package of the engine, so that CoreRulesTest can show each rule
 * finds what it forbids: every way here of reading a clock, randomness or the environment, a Jackson dependency, and
 * a use of another package's internals. Test sources only; never called. {@link #nondeterministic} makes 20
 * such reads (counting the method reference): keep CoreRulesTest's count in step.
 */
final class ClockAndRandomnessFixture {
    private ClockAndRandomnessFixture() {
    }

    static long nondeterministic() {
        long sum = System.currentTimeMillis();
        sum += System.nanoTime();
        sum += Instant.now().toEpochMilli();
        Clock clock = Clock.systemUTC();
        sum += clock.millis();
        sum += LocalDate.now().getDayOfYear();
        sum += LocalDateTime.now().getSecond();
        sum += ZonedDateTime.now().getSecond();
        sum += OffsetDateTime.now().getSecond();
        Random random = new Random(7);
        sum += random.nextInt(10);
        sum += ThreadLocalRandom.current().nextLong();
        sum += new SecureRandom().nextInt();
        sum += (long) (Math.random() * 10);
        sum += UUID.randomUUID().getLeastSignificantBits();
        sum += System.getenv("HOME") == null ? 0 : 1;
        sum += System.getProperty("user.dir") == null ? 0 : 1;
        LongSupplier later = System::nanoTime;
        return sum + later.getAsLong();
    }

    static Object jackson() {
        return new ObjectMapper();
    }

    static Value internals() {
        return CdtEngine.read(null, Value.NIL);
    }
}
