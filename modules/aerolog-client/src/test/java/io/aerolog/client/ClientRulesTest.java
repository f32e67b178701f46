package io.aerolog.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The build rules of the client module: it never builds on the server (core &lt;- protocol &lt;- client / server), nor on
 * Kafka Streams, Netty or Undertow, and only its own package uses its internal package.
 */
class ClientRulesTest {
    private static final JavaClasses CLIENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aerolog.client");

    static final ArchRule NEVER_ON_THE_SERVER = noClasses()
            .that().resideInAPackage("io.aerolog.client..")
            .should().dependOnClassesThat().resideInAnyPackage("io.aerolog.server..", "org.apache.kafka.streams..",
                    "io.netty..", "io.undertow..")
            .because("the client is what applications embed: what it shares with the server lives in aerolog-protocol");

    static final ArchRule INTERNAL_PACKAGES_SERVE_THEIR_PARENT = classes()
            .that().resideInAnyPackage("io.aerolog..")
            .should(useInternalPackagesOfTheirParentOnly())
            .because("an internal package is its parent package's implementation, not an API of the module");

    /** A class may use {@code P.internal} (or below) only from {@code P} or from {@code P.internal} (or below). */
    static ArchCondition<JavaClass> useInternalPackagesOfTheirParentOnly() {
        return new ArchCondition<>("use io.aerolog's ..internal.. packages only from their parent package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getPackageName();
                    int at = target.indexOf(".internal");
                    if (!target.startsWith("io.aerolog.") || at < 0
                            || !(target.length() == at + 9 || target.charAt(at + 9) == '.')) {
                        continue;
                    }
                    String parent = target.substring(0, at);
                    String from = origin.getPackageName();
                    if (!from.equals(parent) && !from.equals(parent + ".internal")
                            && !from.startsWith(parent + ".internal.")) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    @Test
    void theClientNeverBuildsOnTheServer() {
        assertThat(CLIENT.contain(AerologClient.class)).isTrue();
        NEVER_ON_THE_SERVER.check(CLIENT);
    }

    @Test
    void internalPackagesAreUsedOnlyFromTheirParentPackage() {
        INTERNAL_PACKAGES_SERVE_THEIR_PARENT.check(CLIENT);
    }

    @Test
    void theInternalRuleBitesOnTheKafkaPackageUsingTheClientsInternals() throws Exception {
        JavaClasses fixture = new ClassFileImporter().importClasses(fixture("io.aerolog.client.kafka.InternalUseFixture"));
        assertThat(INTERNAL_PACKAGES_SERVE_THEIR_PARENT.evaluate(fixture).getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("io.aerolog.client.internal.HttpAerologClient"));
    }

    private static Class<?> fixture(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }
}
