package io.aerolog.server.namespace;

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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The task assignor of every namespace's Kafka Streams application (KIP-924): Kafka Streams' high-availability
 * rule, that a partition's active task moves only to a node that has caught up with its store, with one change:
 * a node that holds no state for a task is not caught up with it, however short its changelog is.
 *
 * <p>Why: a node that comes back after {@code kill -9} has no usable state (exactly-once wipes it), and Kafka
 * Streams' own assignor counts it as caught up whenever a changelog is within {@code acceptable.recovery.lag}
 * (10,000 records), as every young partition's is. It then takes its partitions back at once, and each waits
 * through a cold node's restore and a second round of rebalance: 7-15 s without writes on {@code ops/cluster}.
 * Here the returning node first gets standbys (and warm-ups where there are not enough standbys); the
 * partitions keep their masters; a probing rebalance moves actives to it once it holds their state.
 *
 * <p>Rules, in this order: a task stays with its previous active node while that node is in the group; a task
 * without one goes to the least loaded caught-up node, or, if no node is caught up, to the one with the least
 * lag; then actives move from over-loaded nodes to under-loaded caught-up ones; standbys are placed by Kafka
 * Streams' own standby assignment; an under-loaded node gets warm-ups (standbys beyond the configured number,
 * at most {@code max.warmup.replicas} in all) of tasks it cannot take yet, and a probing rebalance is asked for.
 * Load is counted in active tasks per stream thread. Where each task goes is a function of the group's state
 * alone; only the probing rebalance's deadline reads the clock.
 */
public final class WarmTaskAssignor implements TaskAssignor {
    /** Kafka Streams' lag for a task that is running active where it is reported ({@code Task.LATEST_OFFSET}). */
    private static final long RUNNING_ACTIVE = -2;

    private final Clock clock;

    /** The assignor Kafka Streams makes from {@code task.assignor.class}; probing deadlines on the system clock. */
    public WarmTaskAssignor() {
        this(Clock.systemUTC());
    }

    WarmTaskAssignor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public TaskAssignment assign(ApplicationState application) {
        AssignmentConfigs configs = application.assignmentConfigs();
        Map<ProcessId, KafkaStreamsState> clients = new TreeMap<>(application.kafkaStreamsStates(true));
        Map<TaskId, TaskInfo> tasks = new TreeMap<>(application.allTasks());
        Placement placement = new Placement(clients, configs.acceptableRecoveryLag());
        for (TaskId task : tasks.keySet()) {
            placement.keepWithPreviousActive(task);
        }
        for (TaskId task : tasks.keySet()) {
            if (!placement.isPlaced(task)) {
                placement.placeNew(task, tasks.get(task).isStateful());
            }
        }
        placement.balance(tasks);

        Map<ProcessId, KafkaStreamsAssignment> assignments = new TreeMap<>();
        for (ProcessId client : clients.keySet()) {
            Set<AssignedTask> assigned = new HashSet<>();
            for (TaskId task : placement.activesOf(client)) {
                assigned.add(new AssignedTask(task, AssignedTask.Type.ACTIVE));
            }
            assignments.put(client, KafkaStreamsAssignment.of(client, assigned));
        }
        if (configs.numStandbyReplicas() > 0) {
            TaskAssignmentUtils.defaultStandbyTaskAssignment(application, assignments);
        }
        List<ProcessId> waiting = placement.warmUps(tasks, assignments, configs.maxWarmupReplicas());
        if (!waiting.isEmpty()) {
            Instant probe = clock.instant().plusMillis(configs.probingRebalanceIntervalMs());
            for (ProcessId client : waiting) {
                assignments.put(client, assignments.get(client).withFollowupRebalance(probe));
            }
        }
        return new TaskAssignment(assignments.values());
    }

    /** Where each task's active runs, and the rules that decide it. */
    static final class Placement {
        private final Map<ProcessId, KafkaStreamsState> clients;
        private final long acceptableLag;
        private final Map<ProcessId, Set<TaskId>> actives = new TreeMap<>();

        Placement(Map<ProcessId, KafkaStreamsState> clients, long acceptableLag) {
            this.clients = clients;
            this.acceptableLag = acceptableLag;
            clients.keySet().forEach(c -> actives.put(c, new TreeSet<>()));
        }

        boolean isPlaced(TaskId task) {
            return actives.values().stream().anyMatch(placed -> placed.contains(task));
        }

        Set<TaskId> activesOf(ProcessId client) {
            return actives.get(client);
        }

        void keepWithPreviousActive(TaskId task) {
            for (Map.Entry<ProcessId, KafkaStreamsState> client : clients.entrySet()) {
                if (client.getValue().previousActiveTasks().contains(task)) {
                    place(task, client.getKey());
                    return;
                }
            }
        }

        void placeNew(TaskId task, boolean stateful) {
            ProcessId best = null;
            boolean bestCaughtUp = false;
            for (ProcessId client : clients.keySet()) {
                boolean caughtUp = !stateful || isCaughtUp(client, task);
                if (best == null || caughtUp && !bestCaughtUp
                        || caughtUp == bestCaughtUp && isBetterFor(task, stateful, caughtUp, client, best)) {
                    best = client;
                    bestCaughtUp = caughtUp;
                }
            }
            place(task, best);
        }

        /** Among caught-up nodes, or nodes that are not, the lesser lag (not caught up) then the lesser load. */
        private boolean isBetterFor(TaskId task, boolean stateful, boolean caughtUp, ProcessId client, ProcessId best) {
            if (stateful && !caughtUp) {
                long lag = lag(client, task);
                long bestLag = lag(best, task);
                if (lag != bestLag) {
                    return lag < bestLag;
                }
            }
            return load(client, 0) < load(best, 0);
        }

        /** Moves actives from the most loaded nodes to less loaded ones that have caught up with them. */
        void balance(Map<TaskId, TaskInfo> tasks) {
            int limit = tasks.size() * Math.max(1, clients.size());
            for (int moves = 0; moves < limit; moves++) {
                if (!moveOne(tasks)) {
                    return;
                }
            }
        }

        private boolean moveOne(Map<TaskId, TaskInfo> tasks) {
            for (ProcessId from : byLoad(false)) {
                for (ProcessId to : byLoad(true)) {
                    if (!evens(to, actives.get(to).size(), from, actives.get(from).size())) {
                        break;
                    }
                    for (TaskId task : actives.get(from)) {
                        if (!tasks.get(task).isStateful() || isCaughtUp(to, task)) {
                            actives.get(from).remove(task);
                            place(task, to);
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /**
         * Gives each node that is under its share of actives, for lack of state, warm-up standbys of tasks it
         * could take, up to {@code maxWarmUps} in all; answers the nodes that should take more actives once warm.
         */
        List<ProcessId> warmUps(Map<TaskId, TaskInfo> tasks, Map<ProcessId, KafkaStreamsAssignment> assignments,
                                int maxWarmUps) {
            List<ProcessId> waiting = new ArrayList<>();
            int budget = maxWarmUps;
            for (ProcessId to : byLoad(true)) {
                int wanted = wantedBy(to);
                if (wanted <= 0) {
                    continue;
                }
                waiting.add(to);
                KafkaStreamsAssignment assignment = assignments.get(to);
                for (ProcessId from : byLoad(false)) {
                    if (load(from, -1) < load(to, 1)) {
                        break;
                    }
                    for (TaskId task : actives.get(from)) {
                        if (wanted == 0) {
                            break;
                        }
                        if (assignment.tasks().containsKey(task)) {
                            wanted--;
                        } else if (budget > 0 && tasks.get(task).isStateful()) {
                            assignment.assignTask(new AssignedTask(task, AssignedTask.Type.STANDBY));
                            budget--;
                            wanted--;
                        }
                    }
                }
            }
            return waiting;
        }

        /** How many more actives {@code client} should hold for the load to be even, at one task's precision. */
        private int wantedBy(ProcessId client) {
            int wanted = 0;
            Map<ProcessId, Integer> counts = new TreeMap<>();
            actives.forEach((c, set) -> counts.put(c, set.size()));
            while (true) {
                ProcessId from = null;
                for (ProcessId c : clients.keySet()) {
                    if (!c.equals(client) && (from == null || ratio(c, counts.get(c)) > ratio(from, counts.get(from)))) {
                        from = c;
                    }
                }
                if (from == null || !evens(client, counts.get(client), from, counts.get(from))) {
                    return wanted;
                }
                counts.merge(from, -1, Integer::sum);
                counts.merge(client, 1, Integer::sum);
                wanted++;
            }
        }

        private List<ProcessId> byLoad(boolean ascending) {
            List<ProcessId> order = new ArrayList<>(clients.keySet());
            order.sort((a, b) -> ascending ? Double.compare(load(a, 0), load(b, 0)) : Double.compare(load(b, 0), load(a, 0)));
            return order;
        }

        private void place(TaskId task, ProcessId client) {
            actives.get(client).add(task);
        }

        /**
         * Whether moving one active from {@code from} (holding {@code fromCount}) to {@code to} (holding
         * {@code toCount}) makes the load more even: {@code to} stays below what {@code from} holds now.
         */
        private boolean evens(ProcessId to, int toCount, ProcessId from, int fromCount) {
            return ratio(to, toCount + 1) < ratio(from, fromCount);
        }

        /** Active tasks per stream thread of {@code client}, with {@code extra} more. */
        private double load(ProcessId client, int extra) {
            return ratio(client, actives.get(client).size() + extra);
        }

        private double ratio(ProcessId client, int count) {
            return (double) count / Math.max(1, clients.get(client).numProcessingThreads());
        }

        /**
         * A node has caught up with a task when it holds the task's state (it ran it, as active or standby, and
         * reported its offsets) within the acceptable lag, or when the task's changelog is empty.
         */
        boolean isCaughtUp(ProcessId client, TaskId task) {
            KafkaStreamsState state = clients.get(client);
            long lag = lag(client, task);
            return lag == 0 || state.previousActiveTasks().contains(task)
                    || state.previousStandbyTasks().contains(task) && lag <= acceptableLag;
        }

        private long lag(ProcessId client, TaskId task) {
            Long lag = clients.get(client).statefulTasksToLagSums().get(task);
            if (lag == null) {
                return Long.MAX_VALUE;
            }
            // Kafka Streams reports a task running active as LATEST_OFFSET (-2): nothing to catch up; any other
            // negative sum is an unknown position
            return lag == RUNNING_ACTIVE ? 0 : lag < 0 ? Long.MAX_VALUE : lag;
        }
    }
}
