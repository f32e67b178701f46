package io.aerolog.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
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
 * The build rules of the protocol module: the contract the server and the client share is defined on core, Jackson
 * and the JDK alone (no Kafka, no HTTP library, nothing of either side), and it uses no module's internal packages.
 */
class ProtocolRulesTest {
    private static final JavaClasses PROTOCOL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aerolog.protocol");

    static final ArchRule ONLY_CORE_JACKSON_AND_THE_JDK = classes()
            .that().resideInAPackage("io.aerolog.protocol..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.aerolog.protocol..", "io.aerolog.core..",
                    "io.aerolog.schema..", "com.fasterxml.jackson..", "java..")
            .because("the REST contract is shared by the server and the Java client: it may build on core, Jackson"
                    + " and the JDK only");

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
    void theProtocolBuildsOnCoreJacksonAndTheJdkOnly() {
        assertThat(PROTOCOL.contain(Topics.class)).isTrue();
        ONLY_CORE_JACKSON_AND_THE_JDK.check(PROTOCOL);
    }

    @Test
    void internalPackagesAreUsedOnlyFromTheirParentPackage() {
        INTERNAL_PACKAGES_SERVE_THEIR_PARENT.check(PROTOCOL);
    }
}
