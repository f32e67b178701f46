package io.aerolog.server.namespace;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WarmTaskAssignorTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final long ACCEPTABLE_LAG = 10_000;
    private static final long PROBING_MS = 60_000;
    private static final List<TaskId> TASKS = IntStream.range(0, 8).mapToObj(p -> new TaskId(0, p)).toList();
    private static final ProcessId A = new ProcessId(new UUID(0, 1));
    private static final ProcessId B = new ProcessId(new UUID(0, 2));
    private static final ProcessId C = new ProcessId(new UUID(0, 3));

    private final TaskAssignor assignor = new WarmTaskAssignor(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aFreshGroupSpreadsActivesEvenlyWithTheConfiguredStandbys() {
        Group group = new Group(2, 2);
        for (ProcessId client : List.of(A, B, C)) {
            group.client(client, Set.of(), Set.of(), lags(1_500));
        }

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A).size() + actives(assignment, B).size() + actives(assignment, C).size())
                .isEqualTo(8);
        assertThat(List.of(A, B, C)).allSatisfy(c -> assertThat(actives(assignment, c)).hasSizeBetween(2, 3));
        assertThat(List.of(A, B, C)).allSatisfy(c ->
                assertThat(actives(assignment, c).size() + standbys(assignment, c).size()).isEqualTo(8));
        assertThat(assignment.values()).allSatisfy(a -> assertThat(a.followupRebalanceDeadline()).isEmpty());
    }

    @Test
    void aDeadNodesPartitionsGoToTheNodesThatHoldTheirStandbys() {
        Group group = new Group(1, 2);
        group.client(B, Set.of(0, 1, 2), Set.of(3, 4, 5, 6), lags(20));
        group.client(C, Set.of(3, 4, 5), Set.of(0, 1, 2, 7), lags(20));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, B)).isEqualTo(tasks(0, 1, 2, 6));
        assertThat(actives(assignment, C)).isEqualTo(tasks(3, 4, 5, 7));
        assertThat(assignment.values()).allSatisfy(a -> assertThat(a.followupRebalanceDeadline()).isEmpty());
    }

    @Test
    void aNodeBackWithoutStateGetsStandbysAndAProbeButNoActiveHoweverShortTheChangelog() {
        Group group = new Group(2, 2);
        group.client(A, Set.of(), Set.of(), lags(900));
        group.client(B, Set.of(0, 1, 2, 3), Set.of(4, 5, 6, 7), lags(30));
        group.client(C, Set.of(4, 5, 6, 7), Set.of(0, 1, 2, 3), lags(30));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A)).isEmpty();
        assertThat(actives(assignment, B)).isEqualTo(tasks(0, 1, 2, 3));
        assertThat(actives(assignment, C)).isEqualTo(tasks(4, 5, 6, 7));
        assertThat(standbys(assignment, A)).containsExactlyInAnyOrderElementsOf(TASKS);
        assertThat(assignment.get(A).followupRebalanceDeadline()).contains(NOW.plusMillis(PROBING_MS));
    }

    @Test
    void onceItHoldsTheStateWithinTheAcceptableLagItTakesItsShare() {
        Group group = new Group(2, 2);
        group.client(A, Set.of(), Set.copyOf(intsOf(TASKS)), lags(40));
        group.client(B, Set.of(0, 1, 2, 3), Set.of(4, 5, 6, 7), lags(30));
        group.client(C, Set.of(4, 5, 6, 7), Set.of(0, 1, 2, 3), lags(30));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A)).hasSize(2);
        assertThat(actives(assignment, B)).hasSize(3).isSubsetOf(tasks(0, 1, 2, 3));
        assertThat(actives(assignment, C)).hasSize(3).isSubsetOf(tasks(4, 5, 6, 7));
        assertThat(assignment.values()).allSatisfy(a -> assertThat(a.followupRebalanceDeadline()).isEmpty());
    }

    @Test
    void aStandbyTooFarBehindDoesNotTakeAnActive() {
        Group group = new Group(1, 2);
        group.client(A, Set.of(), Set.of(0, 1, 2, 3), lags(ACCEPTABLE_LAG + 1));
        group.client(B, Set.of(0, 1, 2, 3, 4, 5, 6, 7), Set.of(), lags(0));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A)).isEmpty();
        assertThat(assignment.get(A).followupRebalanceDeadline()).isPresent();
    }

    @Test
    void withoutStandbysAReturningNodeWarmsUpAtMostMaxWarmupReplicasTasks() {
        Group group = new Group(0, 2);
        group.client(A, Set.of(), Set.of(), lags(900));
        group.client(B, Set.copyOf(intsOf(TASKS)), Set.of(), lags(30));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A)).isEmpty();
        assertThat(standbys(assignment, A)).hasSize(2);
        assertThat(standbys(assignment, B)).isEmpty();
        assertThat(assignment.get(A).followupRebalanceDeadline()).contains(NOW.plusMillis(PROBING_MS));
    }

    @Test
    void anEmptyChangelogNeedsNoState() {
        Group group = new Group(1, 2);
        group.client(A, Set.of(), Set.of(), lags(0));
        group.client(B, Set.copyOf(intsOf(TASKS)), Set.of(), lags(0));

        assertThat(activeCounts(group.assign(assignor))).isEqualTo(Map.of(A, 4, B, 4));
    }

    @Test
    void whenNoNodeHasCaughtUpTheLeastLagWins() {
        Group group = new Group(1, 2);
        group.client(A, Set.of(), Set.of(0), lagsWhere(Map.of(0, 50_000L), 90_000L));
        group.client(B, Set.of(1, 2, 3, 4, 5, 6, 7), Set.of(), lagsWhere(Map.of(0, 70_000L), 0L));

        Map<ProcessId, KafkaStreamsAssignment> assignment = group.assign(assignor);

        assertThat(actives(assignment, A)).containsExactly(TASKS.get(0));
    }

    @Test
    void loadIsCountedPerStreamThread() {
        Group group = new Group(0, 1);
        group.client(A, Set.of(), Set.of(), lags(0), 3);
        group.client(B, Set.of(), Set.of(), lags(0), 1);

        assertThat(activeCounts(group.assign(assignor))).isEqualTo(Map.of(A, 6, B, 2));
    }

    @Test
    void theSameGroupGetsTheSameAssignment() {
        Group group = new Group(1, 2);
        group.client(A, Set.of(), Set.of(), lags(900));
        group.client(B, Set.of(0, 1, 2), Set.of(3, 4), lags(30));
        group.client(C, Set.of(3, 4), Set.of(0, 1), lags(30));

        assertThat(group.assign(assignor).toString()).isEqualTo(group.assign(assignor).toString());
    }

    private static Set<TaskId> tasks(int... partitions) {
        return java.util.Arrays.stream(partitions).mapToObj(p -> new TaskId(0, p)).collect(Collectors.toSet());
    }

    private static List<Integer> intsOf(List<TaskId> tasks) {
        return tasks.stream().map(TaskId::partition).toList();
    }

    private static Map<TaskId, Long> lags(long lag) {
        return lagsWhere(Map.of(), lag);
    }

    private static Map<TaskId, Long> lagsWhere(Map<Integer, Long> some, long others) {
        Map<TaskId, Long> lags = new TreeMap<>();
        TASKS.forEach(t -> lags.put(t, some.getOrDefault(t.partition(), others)));
        return lags;
    }

    private static Map<ProcessId, Integer> activeCounts(Map<ProcessId, KafkaStreamsAssignment> assignment) {
        Map<ProcessId, Integer> counts = new TreeMap<>();
        assignment.keySet().forEach(client -> counts.put(client, actives(assignment, client).size()));
        return counts;
    }

    private static Set<TaskId> actives(Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId client) {
        return ofType(assignment, client, AssignedTask.Type.ACTIVE);
    }

    private static Set<TaskId> standbys(Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId client) {
        return ofType(assignment, client, AssignedTask.Type.STANDBY);
    }

    private static Set<TaskId> ofType(Map<ProcessId, KafkaStreamsAssignment> assignment, ProcessId client,
                                      AssignedTask.Type type) {
        return assignment.get(client).tasks().values().stream().filter(t -> t.type() == type)
                .map(AssignedTask::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** A consumer group's state as Kafka Streams gives it to the assignor: eight stateful tasks of one store. */
    private static final class Group implements ApplicationState {
        private final AssignmentConfigs configs;
        private final Map<ProcessId, KafkaStreamsState> clients = new TreeMap<>();

        Group(int standbys, int maxWarmups) {
            this.configs = new AssignmentConfigs(ACCEPTABLE_LAG, maxWarmups, standbys, PROBING_MS, List.of());
        }

        void client(ProcessId id, Set<Integer> previousActive, Set<Integer> previousStandby, Map<TaskId, Long> lags) {
            client(id, previousActive, previousStandby, lags, 1);
        }

        void client(ProcessId id, Set<Integer> previousActive, Set<Integer> previousStandby, Map<TaskId, Long> lags,
                    int threads) {
            Map<TaskId, Long> reported = new HashMap<>(lags);
            previousActive.forEach(p -> reported.put(new TaskId(0, p), -2L));
            clients.put(id, new Client(id, threads, sorted(previousActive), sorted(previousStandby), reported));
        }

        Map<ProcessId, KafkaStreamsAssignment> assign(TaskAssignor assignor) {
            TaskAssignor.TaskAssignment assignment = assignor.assign(this);
            assertThat(TaskAssignmentUtils.validateTaskAssignment(this, assignment))
                    .isEqualTo(TaskAssignor.AssignmentError.NONE);
            Map<ProcessId, KafkaStreamsAssignment> byClient = new TreeMap<>();
            assignment.assignment().forEach(a -> byClient.put(a.processId(), a));
            assertThat(byClient.keySet()).isEqualTo(clients.keySet());
            return byClient;
        }

        private static SortedSet<TaskId> sorted(Set<Integer> partitions) {
            return partitions.stream().map(p -> new TaskId(0, p)).collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
            return clients;
        }

        @Override
        public AssignmentConfigs assignmentConfigs() {
            return configs;
        }

        @Override
        public Map<TaskId, TaskInfo> allTasks() {
            Map<TaskId, TaskInfo> tasks = new TreeMap<>();
            TASKS.forEach(t -> tasks.put(t, new Task(t)));
            return tasks;
        }
    }

    private record Task(TaskId id) implements TaskInfo {
        @Override
        public boolean isStateful() {
            return true;
        }

        @Override
        public Set<String> stateStoreNames() {
            return Set.of(NamespaceTopology.STORE);
        }

        @Override
        public Set<TaskTopicPartition> topicPartitions() {
            return Set.of(new Partition(new TopicPartition("aerolog.test.commands", id.partition()), true),
                    new Partition(new TopicPartition("aerolog.local.test-records-changelog", id.partition()), false));
        }
    }

    private record Partition(TopicPartition topicPartition, boolean isSource) implements TaskTopicPartition {
        @Override
        public boolean isChangelog() {
            return !isSource;
        }

        @Override
        public Optional<Set<String>> rackIds() {
            return Optional.empty();
        }
    }

    private record Client(ProcessId processId, int numProcessingThreads, SortedSet<TaskId> previousActiveTasks,
                          SortedSet<TaskId> previousStandbyTasks, Map<TaskId, Long> statefulTasksToLagSums)
            implements KafkaStreamsState {
        @Override
        public SortedSet<String> consumerClientIds() {
            return new TreeSet<>(Set.of(processId + "-consumer"));
        }

        @Override
        public long lagFor(TaskId task) {
            return statefulTasksToLagSums.get(task);
        }

        @Override
        public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
            SortedSet<TaskId> tasks = new TreeSet<>(previousActiveTasks);
            tasks.addAll(previousStandbyTasks);
            return tasks;
        }

        @Override
        public Optional<HostInfo> hostInfo() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> clientTags() {
            return Map.of();
        }

        @Override
        public Optional<String> rackId() {
            return Optional.empty();
        }
    }
}
