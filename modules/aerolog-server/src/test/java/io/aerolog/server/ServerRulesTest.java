package io.aerolog.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
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
import io.aerolog.server.namespace.NamespaceService;
import io.aerolog.server.namespace.PartitionRouter;
import io.aerolog.server.namespace.Route;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The build rules of the server module: its main code never builds on the client module (what both need lives in
 * aerolog-protocol), no class outside the router asks who owns a partition (Kafka Streams' metadata, stores and lags,
 * or the active stores of this node), and internal packages (its own and those of the modules below) serve their
 * parent package only. The routing rule is also run on a fixture that breaks it.
 */
class ServerRulesTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.aerolog.server");

    /** Kafka Streams' answers to "who serves this partition, and where is its store". */
    private static final Set<String> OWNERSHIP_QUERIES = Set.of("metadataForAllStreamsClients", "store",
            "allLocalStorePartitionLags", "queryMetadataForKey", "streamsMetadataForStore", "metadataForLocalThreads",
            "query");

    static final DescribedPredicate<JavaAccess<?>> ASKS_KAFKA_STREAMS_WHO_OWNS = DescribedPredicate.describe(
            "Kafka Streams' metadata, stores or lags (KafkaStreams#" + String.join(", #", OWNERSHIP_QUERIES) + ")",
            access -> access.getTarget().getOwner().isAssignableTo("org.apache.kafka.streams.KafkaStreams")
                    && OWNERSHIP_QUERIES.contains(access.getTarget().getName()));

    static final DescribedPredicate<JavaAccess<?>> ASKS_THE_ACTIVE_STORES = DescribedPredicate.describe(
            "ActiveStores#of", access -> access.getTarget().getOwner().getName()
                    .equals("io.aerolog.server.namespace.ActiveStores") && access.getTarget().getName().equals("of"));

    static final ArchRule ONLY_THE_ROUTER_ASKS_KAFKA_STREAMS = noClasses()
            .that().resideInAPackage("io.aerolog.server..")
            .and().doNotBelongToAnyOf(PartitionRouter.class, NamespaceService.class)
            .should().accessTargetWhere(ASKS_KAFKA_STREAMS_WHO_OWNS)
            .because("PartitionRouter is the one place that says where a partition is served (NamespaceService builds"
                    + " it): a front door that asked Kafka Streams itself would route differently while ownership moves");

    static final ArchRule ONLY_THE_ROUTER_ASKS_THE_ACTIVE_STORES = noClasses()
            .that().resideInAPackage("io.aerolog.server..")
            .and().doNotBelongToAnyOf(PartitionRouter.class, Route.class)
            .should().accessTargetWhere(ASKS_THE_ACTIVE_STORES)
            .because("a request reaches a partition's store through the Route the router gave it, never around it");

    static final ArchRule NEVER_ON_THE_CLIENT = noClasses()
            .that().resideInAPackage("io.aerolog.server..")
            .should().dependOnClassesThat().resideInAPackage("io.aerolog.client..")
            .because("core <- protocol <- client / server: what the server and the client share lives in"
                    + " aerolog-protocol (the client is a test dependency of the server only)");

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
    void theServersMainCodeNeverBuildsOnTheClient() {
        NEVER_ON_THE_CLIENT.check(SERVER);
    }

    @Test
    void noClassOutsideTheRouterAsksKafkaStreamsWhoOwnsAPartition() {
        ONLY_THE_ROUTER_ASKS_KAFKA_STREAMS.check(SERVER);
    }

    @Test
    void noClassOutsideTheRouterAndItsRoutesAsksTheActiveStores() {
        ONLY_THE_ROUTER_ASKS_THE_ACTIVE_STORES.check(SERVER);
    }

    @Test
    void internalPackagesAreUsedOnlyFromTheirParentPackage() {
        INTERNAL_PACKAGES_SERVE_THEIR_PARENT.check(SERVER);
    }

    @Test
    void theRulesSeeTheRouterAndTheFrontDoors() {
        assertThat(SERVER.contain(PartitionRouter.class)).isTrue();
        assertThat(SERVER.containPackage("io.aerolog.server.wire")).isTrue();
        assertThat(SERVER.containPackage("io.aerolog.server.http")).isTrue();
        assertThat(SERVER.contain("io.aerolog.server.namespace.OwnershipBypassFixture")).as("main code only").isFalse();
    }

    /** The routing rules bite: every ownership question the fixture asks beside the router is reported. */
    @Test
    void theRoutingRulesFindEveryOwnershipQuestionAskedBesideTheRouter() throws Exception {
        JavaClasses fixture = new ClassFileImporter()
                .importClasses(Class.forName("io.aerolog.server.namespace.OwnershipBypassFixture"));
        EvaluationResult streams = ONLY_THE_ROUTER_ASKS_KAFKA_STREAMS.evaluate(fixture);
        List<String> details = streams.getFailureReport().getDetails();
        for (String method : new String[] {"metadataForAllStreamsClients()", "store(", "allLocalStorePartitionLags()",
                "queryMetadataForKey(", "streamsMetadataForStore("}) {
            assertThat(details).as("KafkaStreams#%s is reported", method)
                    .anySatisfy(line -> assertThat(line).contains("KafkaStreams." + method));
        }
        assertThat(details).hasSize(5);
        assertThat(ONLY_THE_ROUTER_ASKS_THE_ACTIVE_STORES.evaluate(fixture).getFailureReport().getDetails())
                .singleElement().asString().contains("ActiveStores.of(int)");
    }
}
