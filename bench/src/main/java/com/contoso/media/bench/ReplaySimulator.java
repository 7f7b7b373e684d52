package com.contoso.media.bench;

import com.contoso.media.transcoding.DurableHistory;
import com.contoso.media.transcoding.EncodeChunksOrchestration;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Runs the real TranscodeVideo and EncodeChunks orchestrations, unchanged, through the Durable SDK's own replay
 * ({@link DurableHistory#replay}, the code path the Functions worker uses), on a virtual clock. Activities are timed
 * stand-ins ({@link StandInActivities}): each returns what the real one would, after a duration taken from
 * recordings of real runs. The Function App is modelled as instances that each run at most
 * {@code maxActivitiesPerInstance} activities at once, added while work waits (up to {@code maxInstances}, at most
 * {@code instancesPerScaleStep} every {@code scaleStep}, each ready after {@code coldStart}); every hand-over
 * between an orchestration and an activity waits a dispatch latency drawn from {@code dispatch}.
 */
public final class ReplaySimulator {

    private static final DataConverter JSON = new JacksonDataConverter();
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** The platform as modelled. */
    public record Limits(int maxActivitiesPerInstance, int maxInstances, int instancesPerScaleStep, Duration scaleStep,
                  Duration coldStart, DispatchLatency dispatch) {
    }

    /** Dispatch latency: a floor plus an exponential tail with this mean, in seconds. */
    public record DispatchLatency(double floorSeconds, double meanTailSeconds) {
        public double draw(Random random) {
            return floorSeconds + (meanTailSeconds <= 0 ? 0 : -Math.log(1 - random.nextDouble()) * meanTailSeconds);
        }
    }

    /** One activity as it ran on the virtual clock. */
    public record ActivityRun(String instanceId, String name, double scheduled, double started, double ended) {
    }

    /**
     * Per orchestration instance: how long its history grew, the largest payload it carried (an input, an activity's
     * input or output, its own output) and its largest custom status, in UTF-16 bytes as Durable measures it.
     */
    public record InstanceSize(String instanceId, int historyEvents, int historyBytes, int largestPayloadBytes,
                               int largestCustomStatusUtf16Bytes) {
    }

    /** What a run gives. */
    public record Result(Map<String, Double> finishedAt, Map<String, Double> firstPreviewAt, List<ActivityRun> activities,
                  int peakInstances, List<InstanceSize> sizes, Map<String, String> outcomes) {

        /** How many ended other than {@code Succeeded} (the deadline passed, a step timed out). */
        public long failed() {
            return outcomes.values().stream().filter(outcome -> !outcome.equals("Succeeded")).count();
        }


        public double wallSeconds() {
            return finishedAt.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }

        public ActivityRun longest() {
            return activities.stream().max((a, b) -> Double.compare(a.ended() - a.started(),
                    b.ended() - b.started())).orElseThrow();
        }
    }

    private final Map<String, TaskOrchestration> orchestrations;
    private final StandInActivities activities;
    private final Limits limits;
    private final Random random = new Random(7);

    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private final List<ActivityRun> runs = new ArrayList<>();
    private final Map<String, Double> finished = new HashMap<>();
    private final Map<String, Double> firstPreview = new HashMap<>();
    private final Map<String, String> outcomes = new HashMap<>();
    private double now;
    private long sequence;
    private int instancesUp;
    private int instancesComing;
    private int busy;
    private int peakInstances;
    private double nextScaleAt;

    public ReplaySimulator(Map<String, TaskOrchestration> orchestrations, StandInActivities activities, Limits limits) {
        this.orchestrations = orchestrations;
        this.activities = activities;
        this.limits = limits;
    }

    private record Event(double at, long sequence, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Double.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private static final class Instance {
        final String id;
        final String name;
        final String parentId;
        final int parentTaskId;
        final List<HistoryEvent> past = new ArrayList<>();
        final List<HistoryEvent> inbox = new ArrayList<>();
        boolean running = true;
        boolean episodeDue;
        String output;
        int largestPayload;
        int largestCustomStatus;

        Instance(String id, String name, String parentId, int parentTaskId) {
            this.id = id;
            this.name = name;
            this.parentId = parentId;
            this.parentTaskId = parentTaskId;
        }
    }

    private record Pending(Instance instance, int taskId, String name, String input, double scheduled) {
    }

    /** Starts every request at time 0 and runs until each has ended; returns what happened. */
    public Result run(List<TranscodeRequest> requests) {
        for (TranscodeRequest request : requests) {
            start(request.uploadId(), TranscodeVideoOrchestration.NAME, JSON.serialize(request), null, -1);
        }
        while (!events.isEmpty() && finished.size() < requests.size()) {
            Event next = events.poll();
            now = next.at();
            next.action().run();
        }
        if (finished.size() < requests.size()) {
            throw new IllegalStateException("the simulation stopped with " + (requests.size() - finished.size())
                    + " transcodes unfinished");
        }
        List<InstanceSize> sizes = instances.values().stream().map(i -> new InstanceSize(i.id, i.past.size(),
                i.past.stream().mapToInt(HistoryEvent::getSerializedSize).sum(), i.largestPayload,
                i.largestCustomStatus * 2)).toList();
        return new Result(finished, firstPreview, List.copyOf(runs), peakInstances, sizes, outcomes);
    }

    private void at(double time, Runnable action) {
        events.add(new Event(time, sequence++, action));
    }

    private void start(String id, String name, String input, String parentId, int parentTaskId) {
        Instance instance = new Instance(id, name, parentId, parentTaskId);
        instances.put(id, instance);
        track(instance, input);
        deliver(instance, parentId == null
                ? DurableHistory.executionStarted(name, id, input, instant())
                : DurableHistory.executionStarted(name, id, input, parentId, parentTaskId, instant()));
    }

    /** An event for the instance; its next episode runs after a dispatch latency, taking everything queued by then. */
    private void deliver(Instance instance, HistoryEvent event) {
        if (!instance.running) {
            return;
        }
        instance.inbox.add(event);
        if (!instance.episodeDue) {
            instance.episodeDue = true;
            at(now + limits.dispatch().draw(random), () -> episode(instance));
        }
    }

    private void episode(Instance instance) {
        instance.episodeDue = false;
        if (!instance.running || instance.inbox.isEmpty()) {
            return;
        }
        List<HistoryEvent> fresh = new ArrayList<>();
        fresh.add(DurableHistory.orchestratorStarted(instant()));
        fresh.addAll(instance.inbox);
        instance.inbox.clear();
        OrchestratorResponse response = DurableHistory.replay(orchestrations.get(instance.name), instance.id,
                List.copyOf(instance.past), fresh);
        instance.past.addAll(fresh);
        if (response.hasCustomStatus()) {
            String status = response.getCustomStatus().getValue();
            instance.largestCustomStatus = Math.max(instance.largestCustomStatus, status.length());
            if (status.contains("\"previewReady\":true")) {
                firstPreview.putIfAbsent(instance.id, now);
            }
        }
        for (OrchestratorAction action : response.getActionsList()) {
            apply(instance, action);
        }
    }

    private void apply(Instance instance, OrchestratorAction action) {
        int id = action.getId();
        switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> {
                String name = action.getScheduleTask().getName();
                String input = action.getScheduleTask().getInput().getValue();
                instance.past.add(DurableHistory.taskScheduled(id, name, input, instant()));
                track(instance, input);
                waiting.add(new Pending(instance, id, name, input, now));
                dispatchWaiting();
            }
            case CREATESUBORCHESTRATION -> {
                var create = action.getCreateSubOrchestration();
                String input = create.getInput().getValue();
                instance.past.add(DurableHistory.subOrchestrationCreated(id, create.getName(), create.getInstanceId(),
                        input, instant()));
                start(create.getInstanceId(), create.getName(), input, instance.id, id);
            }
            case CREATETIMER -> {
                Timestamp fireAt = action.getCreateTimer().getFireAt();
                instance.past.add(DurableHistory.timerCreated(id, fireAt, instant()));
                double due = Math.max(now, seconds(DataConverter.getInstantFromTimestamp(fireAt)));
                at(due, () -> deliver(instance, DurableHistory.timerFired(id, fireAt, instant())));
            }
            case COMPLETEORCHESTRATION -> {
                var complete = action.getCompleteOrchestration();
                instance.running = false;
                boolean completed = complete.getOrchestrationStatus()
                        == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED;
                instance.output = completed ? complete.getResult().getValue()
                        : complete.getFailureDetails().getErrorMessage();
                track(instance, instance.output);
                if (instance.parentId == null) {
                    finished.put(instance.id, now);
                    outcomes.put(instance.id, completed ? JSON.deserialize(instance.output, String.class) : "Crashed");
                } else {
                    Instance parent = instances.get(instance.parentId);
                    deliver(parent, completed
                            ? DurableHistory.subOrchestrationCompleted(instance.parentTaskId, instance.output, instant())
                            : DurableHistory.subOrchestrationFailed(instance.parentTaskId,
                                    complete.getFailureDetails().getErrorType(), instance.output, instant()));
                }
            }
            default -> throw new IllegalStateException("unsupported action " + action.getOrchestratorActionTypeCase());
        }
    }

    /** Starts waiting activities on free places, and asks for instances while work waits. */
    private void dispatchWaiting() {
        while (!waiting.isEmpty() && busy < instancesUp * limits.maxActivitiesPerInstance()) {
            Pending next = waiting.poll();
            busy++;
            double started = now + limits.dispatch().draw(random);
            StandInActivities.Outcome outcome = activities.run(next.name(), next.input());
            double ended = started + outcome.seconds();
            runs.add(new ActivityRun(next.instance().id, next.name(), next.scheduled(), started, ended));
            at(ended, () -> {
                busy--;
                deliver(next.instance(), DurableHistory.taskCompleted(next.taskId(), outcome.outputJson(),
                        instant()));
                dispatchWaiting();
            });
        }
        scaleOut();
    }

    private void scaleOut() {
        int wanted = (int) Math.ceil((double) (busy + waiting.size()) / limits.maxActivitiesPerInstance());
        int short_ = Math.min(wanted, limits.maxInstances()) - instancesUp - instancesComing;
        if (short_ <= 0 || now < nextScaleAt) {
            return;
        }
        int adding = Math.min(short_, instancesUp + instancesComing == 0 ? Math.max(1, limits.instancesPerScaleStep())
                : limits.instancesPerScaleStep());
        instancesComing += adding;
        nextScaleAt = now + limits.scaleStep().toMillis() / 1000.0;
        at(now + limits.coldStart().toMillis() / 1000.0, () -> {
            instancesComing -= adding;
            instancesUp += adding;
            peakInstances = Math.max(peakInstances, instancesUp);
            dispatchWaiting();
        });
        at(nextScaleAt, this::scaleOut);
    }

    private static void track(Instance instance, String payload) {
        if (payload != null) {
            instance.largestPayload = Math.max(instance.largestPayload, payload.length());
        }
    }

    private Instant instant() {
        return EPOCH.plusNanos((long) (now * 1e9));
    }

    private static double seconds(Instant instant) {
        return Duration.between(EPOCH, instant).toNanos() / 1e9;
    }

    /** The two orchestrations as the app registers them. */
    public static Map<String, TaskOrchestration> orchestrations(com.contoso.media.transcoding.TranscodeSettings settings) {
        return Map.of(TranscodeVideoOrchestration.NAME, new TranscodeVideoOrchestration(settings),
                EncodeChunksOrchestration.NAME, new EncodeChunksOrchestration(settings));
    }
}
