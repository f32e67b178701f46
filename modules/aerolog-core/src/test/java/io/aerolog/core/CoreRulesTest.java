package io.aerolog.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The build rules of the core module: it is the pure engine, so it builds on nothing of Kafka, Jackson, Netty or
 * Undertow nor on the modules above it, reads no clock, no randomness and no environment (a replay of the command
 * log must give the same answers on any machine, at any time), and its {@code internal} packages serve their parent
 * package only. Each rule is also run on a fixture that breaks it, so a rule that can no longer fail is noticed.
 */
class CoreRulesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aerolog.core", "io.aerolog.schema");

    /** Clocks, randomness and the environment: what would make a replay depend on where and when it runs. */
    static final DescribedPredicate<JavaAccess<?>> CLOCK_RANDOMNESS_OR_ENVIRONMENT = DescribedPredicate.describe(
            "a clock, randomness or the environment", access -> nondeterministic(access.getTarget()));

    private static final Set<String> SYSTEM_METHODS = Set.of("currentTimeMillis", "nanoTime", "getenv", "getProperty",
            "getProperties", "identityHashCode");
    private static final Set<String> TIME_WITH_NOW = Set.of("java.time.Instant", "java.time.LocalDate",
            "java.time.LocalDateTime", "java.time.LocalTime", "java.time.ZonedDateTime", "java.time.OffsetDateTime",
            "java.time.OffsetTime", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay");
    private static final Set<String> CLOCKS_AND_RANDOMNESS = Set.of("java.time.Clock", "java.time.InstantSource",
            "java.util.Random", "java.util.SplittableRandom", "java.util.concurrent.ThreadLocalRandom",
            "java.security.SecureRandom", "java.util.random.RandomGenerator");

    private static boolean nondeterministic(AccessTarget target) {
        JavaClass owner = target.getOwner();
        String name = target.getName();
        return switch (owner.getName()) {
            case "java.lang.System" -> SYSTEM_METHODS.contains(name);
            case "java.lang.Math", "java.lang.StrictMath" -> name.equals("random");
            case "java.util.UUID" -> name.equals("randomUUID");
            default -> TIME_WITH_NOW.contains(owner.getName()) && name.equals("now")
                    || CLOCKS_AND_RANDOMNESS.contains(owner.getName())
                    || owner.isAssignableTo(java.util.Random.class)
                    || owner.isAssignableTo(java.time.InstantSource.class);
        };
    }

    static final ArchRule NO_CLOCK_RANDOMNESS_OR_ENVIRONMENT = noClasses()
            .that().resideInAnyPackage("io.aerolog.core..")
            .should().accessTargetWhere(CLOCK_RANDOMNESS_OR_ENVIRONMENT)
            .because("the engine's only clock is the command's time (Command.timeMillis) or the caller's read time,"
                    + " so replaying a partition's log gives the same records and answers anywhere, at any time"
                    + " (engine, cdt, bits, hll, exp and their internal packages, and the values and codecs they use)");

    static final ArchRule NOTHING_OF_KAFKA_JACKSON_NETTY_UNDERTOW_OR_THE_MODULES_ABOVE = noClasses()
            .that().resideInAnyPackage("io.aerolog..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "com.fasterxml.jackson..",
                    "io.netty..", "io.undertow..", "org.xnio..", "io.aerolog.protocol..", "io.aerolog.client..",
                    "io.aerolog.server..")
            .because("aerolog-core is the pure engine: the protocol, the client and the server build on it, not it on"
                    + " them");

    static final ArchRule INTERNAL_PACKAGES_SERVE_THEIR_PARENT = classes()
            .that().resideInAnyPackage("io.aerolog..")
            .should(useInternalPackagesOfTheirParentOnly())
            .because("an internal package is its parent package's implementation, not an API of the module");

    /**
     * A class may use a class of {@code P.internal} (or below) only when it lies in {@code P} or in {@code P.internal}
     * (or below). Targets outside io.aerolog are libraries' business.
     */
    static ArchCondition<JavaClass> useInternalPackagesOfTheirParentOnly() {
        return new ArchCondition<>("use io.aerolog's ..internal.. packages only from their parent package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int at = internalSegment(target);
                    if (!target.startsWith("io.aerolog.") || at < 0) {
                        continue;
                    }
                    String parent = target.substring(0, at);
                    String from = origin.getPackageName();
                    boolean allowed = from.equals(parent) || from.equals(parent + ".internal")
                            || from.startsWith(parent + ".internal.");
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                + " (only " + parent + " may use " + parent + ".internal)"));
                    }
                }
            }
        };
    }

    /** Where the package's {@code .internal} segment starts, or -1. */
    private static int internalSegment(String pkg) {
        String[] parts = pkg.split("\\.");
        int at = 0;
        for (String part : parts) {
            if (part.equals("internal")) {
                return at - 1;
            }
            at += part.length() + 1;
        }
        return -1;
    }

    /** Test sources that break the rules on purpose (in a package of the engine), imported alone. */
    private static final JavaClasses FIXTURE = new ClassFileImporter()
            .importClasses(fixture("io.aerolog.core.engine.ClockAndRandomnessFixture"));
    /** How many reads of a clock, randomness or the environment the fixture makes. */
    private static final int FIXTURE_NONDETERMINISTIC_CALLS = 20;

    private static Class<?> fixture(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is missing from the test classes", e);
        }
    }

    @Test
    void theEngineReadsNoClockNoRandomnessAndNoEnvironment() {
        NO_CLOCK_RANDOMNESS_OR_ENVIRONMENT.check(CORE);
    }

    @Test
    void coreBuildsOnNothingOfKafkaJacksonNettyUndertowNorTheModulesAboveIt() {
        NOTHING_OF_KAFKA_JACKSON_NETTY_UNDERTOW_OR_THE_MODULES_ABOVE.check(CORE);
    }

    @Test
    void internalPackagesAreUsedOnlyFromTheirParentPackage() {
        INTERNAL_PACKAGES_SERVE_THEIR_PARENT.check(CORE);
    }

    @Test
    void theRulesLookAtTheEngine() {
        assertThat(CORE.containPackage("io.aerolog.core.engine")).isTrue();
        assertThat(CORE.containPackage("io.aerolog.core.cdt.internal")).isTrue();
        assertThat(CORE.containPackage("io.aerolog.core.exp.internal")).isTrue();
        assertThat(CORE.contain("io.aerolog.core.engine.ClockAndRandomnessFixture")).as("main code only").isFalse();
    }

    /** The determinism rule bites: each way of reading a clock, randomness or the environment in the fixture is found. */
    @Test
    void theDeterminismRuleFindsEveryClockAndRandomnessInAFixture() {
        EvaluationResult result = NO_CLOCK_RANDOMNESS_OR_ENVIRONMENT.evaluate(FIXTURE);
        assertThat(result.hasViolation()).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String call : new String[] {"java.lang.System.currentTimeMillis()", "java.lang.System.nanoTime()",
                "java.time.Instant.now()", "java.time.Clock.systemUTC()", "java.time.Clock.millis()",
                "java.time.LocalDate.now()", "java.time.LocalDateTime.now()", "java.time.ZonedDateTime.now()",
                "java.time.OffsetDateTime.now()", "java.util.Random.<init>(long)", "java.util.Random.nextInt(int)",
                "java.util.concurrent.ThreadLocalRandom.current()", "java.security.SecureRandom.<init>()",
                "java.lang.Math.random()", "java.util.UUID.randomUUID()", "java.lang.System.getenv(java.lang.String)",
                "java.lang.System.getProperty(java.lang.String)", "references method <java.lang.System.nanoTime()>"}) {
            assertThat(report).as("the rule reports %s", call).contains(call);
        }
        assertThat(result.getFailureReport().getDetails()).as(report)
                .hasSize(FIXTURE_NONDETERMINISTIC_CALLS);
    }

    @Test
    void theDependencyRuleBitesOnAClassOfCoreThatUsesJackson() {
        EvaluationResult result = NOTHING_OF_KAFKA_JACKSON_NETTY_UNDERTOW_OR_THE_MODULES_ABOVE.evaluate(FIXTURE);
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void theInternalRuleBitesOnASiblingThatUsesAnotherPackagesInternals() {
        EvaluationResult result = INTERNAL_PACKAGES_SERVE_THEIR_PARENT.evaluate(FIXTURE);
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("io.aerolog.core.cdt.internal.CdtEngine")
                .doesNotContain("io.aerolog.core.engine.internal");
    }
}
