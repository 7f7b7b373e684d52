package com.contoso.media.devhost;

import com.contoso.media.logging.Redaction;
import com.contoso.media.transcoding.DurableHistory;
import com.contoso.media.transcoding.InstanceState;
import com.contoso.media.transcoding.TranscodeControl;
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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's Durable backend. Orchestrations run through the SDK's own replay
 * ({@link OrchestrationRunner}) exactly as the Functions worker runs them: each episode replays the history,
 * and the actions it returns become history events (ScheduleTask → TaskScheduled, CreateTimer → TimerCreated)
 * whose completions point back by id. Activities run on a bounded worker pool; durable timers on a scheduler.
 * Episodes run on one thread, so an instance's history never sees two writers.
 *
 * <p>Each instance's history is written to the state folder ({@link OrchestrationStore}) after every episode.
 * {@link #resume} reloads it after a restart and carries on with its {@link UnfinishedWork}: activities that were
 * scheduled but never answered run again (they are idempotent: same inputs, same output paths) and pending timers
 * are re-armed, so in-flight transcodes finish.
 *
 * <p>Sub-orchestrations are instances of their own that know their parent (from their ExecutionStarted event);
 * when one ends, the parent gets SubOrchestrationInstanceCompleted or Failed pointing at the task that created
 * it. Cancelling an instance cancels its sub-orchestrations too.
 */
public final class LocalOrchestrations implements TranscodeControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOrchestrations.class);
    private static final DataConverter JSON = new JacksonDataConverter();

    private static final class Instance {
        final String id;
        final String name;
        final String parentId;
        final int parentTaskId;
        final List<HistoryEvent> past = new ArrayList<>();
        final List<HistoryEvent> inbox = new ArrayList<>();
        final Map<Integer, Future<?>> activities = new ConcurrentHashMap<>();
        volatile InstanceState state = InstanceState.RUNNING;
        volatile String customStatus;
        volatile String output;
        volatile String failureType;

        Instance(String id, HistoryEvent started) {
            this.id = id;
            this.name = started.getExecutionStarted().getName();
            this.parentId = started.getExecutionStarted().hasParentInstance()
                    ? started.getExecutionStarted().getParentInstance().getOrchestrationInstance().getInstanceId() : null;
            this.parentTaskId = started.getExecutionStarted().getParentInstance().getTaskScheduledId();
        }
    }

    private final String orchestrationName;
    private final Map<String, TaskOrchestration> orchestrations;
    private final Map<String, UnaryOperator<String>> activityCatalog;
    private final Clock clock;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final ExecutorService episodes = Executors.newSingleThreadExecutor(r -> daemon(r, "orchestrator"));
    private final ExecutorService workers;
    private final ExecutorService shortWork = Executors.newFixedThreadPool(2, r -> daemon(r, "short-activity"));
    private final Set<String> heavyActivities;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "durable-timers"));
    private final OrchestrationStore store;
    private volatile boolean closed;

    /**
     * @param orchestrationName what {@link #start} starts; {@code orchestrations} holds it and any it calls as
     *                          sub-orchestrations, by name
     * @param heavyActivities   activities that keep cores busy (ffmpeg): they share {@code activityWorkers}
     *                          threads, while the others (progress, playlists, records) run beside them on their
     *                          own, so a progress write never waits behind an encode
     */
    public LocalOrchestrations(String orchestrationName, Map<String, TaskOrchestration> orchestrations,
                               Map<String, UnaryOperator<String>> activityCatalog, Set<String> heavyActivities,
                               int activityWorkers, Clock clock, Path stateFolder) {
        this.heavyActivities = Set.copyOf(heavyActivities);
        this.store = new OrchestrationStore(stateFolder);
        this.orchestrationName = orchestrationName;
        this.orchestrations = Map.copyOf(orchestrations);
        this.activityCatalog = Map.copyOf(activityCatalog);
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(activityWorkers, r -> daemon(r, "activity"));
    }

    @Override
    public void start(TranscodeRequest request) {
        HistoryEvent started = DurableHistory.executionStarted(orchestrationName, request.uploadId(),
                JSON.serialize(request), clock.instant());
        if (!create(request.uploadId(), started)) {
            LOG.info("orchestration {} already exists; start skipped", request.uploadId());
        }
    }

    /** Starts an instance unless one with that id exists; false when it did. */
    private boolean create(String id, HistoryEvent started) {
        Instance created = new Instance(id, started);
        if (instances.putIfAbsent(id, created) != null) {
            return false;
        }
        deliver(created, started);
        return true;
    }

    @Override
    public void cancel(String uploadId, String reason) {
        Instance instance = instances.get(uploadId);
        if (instance == null) {
            return;
        }
        synchronized (instance) {
            if (instance.state != InstanceState.RUNNING) {
                return;
            }
            instance.state = InstanceState.TERMINATED;
            instance.output = reason;
            persist(instance);
        }
        // Interrupting an activity stops its ffmpeg process; its results would be ignored anyway.
        instance.activities.values().forEach(running -> running.cancel(true));
        instances.values().stream().filter(child -> uploadId.equals(child.parentId))
                .forEach(child -> cancel(child.id, reason));
        LOG.info("orchestration {} terminated: {}", uploadId, reason);
    }

    @Override
    public Optional<InstanceState> state(String uploadId) {
        return Optional.ofNullable(instances.get(uploadId)).map(instance -> instance.state);
    }

    @Override
    public void wake(String uploadId) {
        Instance instance = instances.get(uploadId);
        if (instance != null) {
            deliver(instance, DurableHistory.eventRaised(TranscodeVideoOrchestration.SLOT_GIVEN, clock.instant()));
        }
    }

    /** Queues an event for the instance and has an episode replay it, unless the instance has finished. */
    private void deliver(Instance instance, HistoryEvent event) {
        synchronized (instance) {
            if (closed || instance.state != InstanceState.RUNNING) {
                return;
            }
            instance.inbox.add(event);
            if (event.hasExecutionStarted()) {
                persist(instance);
            }
        }
        episodes.execute(() -> runEpisode(instance, false));
    }

    /**
     * Replays the instance's history with whatever is in its inbox; with {@code evenIfIdle}, also with nothing
     * there: an instance whose last episode was saved but not its end has nothing left to wait for, and one
     * replay makes the orchestrator complete it again.
     */
    private void runEpisode(Instance instance, boolean evenIfIdle) {
        List<HistoryEvent> newEvents = new ArrayList<>();
        List<HistoryEvent> past;
        synchronized (instance) {
            if (instance.state != InstanceState.RUNNING || instance.inbox.isEmpty() && !evenIfIdle) {
                return;
            }
            // The SDK reads ctx.getCurrentInstant() from this event; timers due by then complete.
            newEvents.add(DurableHistory.orchestratorStarted(clock.instant()));
            newEvents.addAll(instance.inbox);
            instance.inbox.clear();
            past = List.copyOf(instance.past);
        }
        OrchestratorResponse response;
        try {
            response = DurableHistory.replay(orchestrations.get(instance.name), instance.id, past, newEvents);
        } catch (RuntimeException e) {
            LOG.error("orchestration {} could not be replayed", instance.id, e);
            synchronized (instance) {
                instance.state = InstanceState.FAILED;
                instance.failureType = e.getClass().getName();
                instance.output = e.getMessage();
                persist(instance);
            }
            answerParent(instance);
            return;
        }
        synchronized (instance) {
            instance.past.addAll(newEvents);
            if (response.hasCustomStatus()) {
                instance.customStatus = response.getCustomStatus().getValue();
            }
            for (OrchestratorAction action : response.getActionsList()) {
                apply(instance, action);
            }
            persist(instance);
        }
        if (instance.state != InstanceState.RUNNING) {
            answerParent(instance);
        }
    }

    /** Tells a finished sub-orchestration's parent how it ended. */
    private void answerParent(Instance child) {
        Instance parent = child.parentId == null ? null : instances.get(child.parentId);
        if (parent == null) {
            return;
        }
        deliver(parent, child.state == InstanceState.COMPLETED
                ? DurableHistory.subOrchestrationCompleted(child.parentTaskId, child.output, clock.instant())
                : DurableHistory.subOrchestrationFailed(child.parentTaskId,
                        child.failureType == null ? "Terminated" : child.failureType, child.output, clock.instant()));
    }

    private void apply(Instance instance, OrchestratorAction action) {
        int id = action.getId();
        switch (action.getOrchestratorActionTypeCase()) {
            case SCHEDULETASK -> {
                String name = action.getScheduleTask().getName();
                String input = action.getScheduleTask().hasInput() ? action.getScheduleTask().getInput().getValue() : null;
                instance.past.add(DurableHistory.taskScheduled(id, name, input, clock.instant()));
                dispatch(instance, id, name, input);
            }
            case CREATESUBORCHESTRATION -> {
                var create = action.getCreateSubOrchestration();
                String input = create.hasInput() ? create.getInput().getValue() : "null";
                instance.past.add(DurableHistory.subOrchestrationCreated(id, create.getName(), create.getInstanceId(),
                        input, clock.instant()));
                startChild(instance, id, create.getName(), create.getInstanceId(), input);
            }
            case CREATETIMER -> {
                Timestamp fireAt = action.getCreateTimer().getFireAt();
                instance.past.add(DurableHistory.timerCreated(id, fireAt, clock.instant()));
                arm(instance, id, fireAt);
            }
            case COMPLETEORCHESTRATION -> {
                var complete = action.getCompleteOrchestration();
                instance.state = complete.getOrchestrationStatus() == OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED
                        ? InstanceState.COMPLETED : InstanceState.FAILED;
                instance.output = complete.hasResult() ? complete.getResult().getValue()
                        : complete.getFailureDetails().getErrorMessage();
                instance.failureType = complete.hasFailureDetails() ? complete.getFailureDetails().getErrorType() : null;
                LOG.info("orchestration {} {}: {}", instance.id, instance.state, instance.output);
            }
            default -> LOG.warn("orchestration {} asked for unsupported action {}", instance.id,
                    action.getOrchestratorActionTypeCase());
        }
    }

    private void startChild(Instance parent, int taskId, String name, String childId, String input) {
        HistoryEvent started = DurableHistory.executionStarted(name, childId, input, parent.id, taskId, clock.instant());
        // Run on its own turn: the parent holds its lock here, and the child's first episode must not wait on it.
        episodes.execute(() -> create(childId, started));
    }

    private void dispatch(Instance instance, int taskId, String name, String input) {
        ExecutorService pool = heavyActivities.contains(name) ? workers : shortWork;
        instance.activities.put(taskId, pool.submit(() -> runActivity(instance, taskId, name, input)));
    }

    private void arm(Instance instance, int timerId, Timestamp fireAt) {
        // +1 ms: the SDK re-creates a timer whose fireAt is still ahead of the episode's OrchestratorStarted time.
        long delay = Math.max(0, Duration.between(clock.instant(), DataConverter.getInstantFromTimestamp(fireAt))
                .toMillis()) + 1;
        timers.schedule(() -> deliver(instance, DurableHistory.timerFired(timerId, fireAt, clock.instant())),
                delay, TimeUnit.MILLISECONDS);
    }

    /** Reloads persisted instances and carries on with those still running. Call once, before new work arrives. */
    public void resume() {
        List<OrchestrationStore.Snapshot> running = new ArrayList<>();
        for (OrchestrationStore.Snapshot saved : store.loadAll()) {
            List<HistoryEvent> everything = new ArrayList<>(saved.past());
            everything.addAll(saved.inbox());
            Instance instance = new Instance(saved.id(), everything.stream().filter(HistoryEvent::hasExecutionStarted)
                    .findFirst().orElseThrow());
            instance.past.addAll(saved.past());
            instance.state = saved.state();
            instance.customStatus = saved.customStatus();
            instance.output = saved.output();
            instance.failureType = saved.failureType();
            instances.put(instance.id, instance);
            if (instance.state == InstanceState.RUNNING) {
                running.add(saved);
            }
        }
        // Every instance is known before any carries on, so a parent finds its children and a child its parent.
        for (OrchestrationStore.Snapshot saved : running) {
            Instance instance = instances.get(saved.id());
            UnfinishedWork unfinished = UnfinishedWork.in(saved.past(), saved.inbox());
            unfinished.tasksToRerun().forEach(task -> dispatch(instance, task.getEventId(),
                    task.getTaskScheduled().getName(), task.getTaskScheduled().getInput().getValue()));
            unfinished.timersToRearm().forEach(timer ->
                    arm(instance, timer.getEventId(), timer.getTimerCreated().getFireAt()));
            unfinished.subOrchestrationsAwaited().forEach(created -> {
                var child = created.getSubOrchestrationInstanceCreated();
                Instance known = instances.get(child.getInstanceId());
                if (known == null) {
                    startChild(instance, created.getEventId(), child.getName(), child.getInstanceId(),
                            child.getInput().getValue());
                } else if (known.state != InstanceState.RUNNING) {
                    answerParent(known);
                }
            });
            saved.inbox().forEach(event -> deliver(instance, event));
            if (unfinished.isEmpty() && saved.inbox().isEmpty()) {
                // Killed between saving its last episode's history and saving its end: nothing will ever arrive.
                episodes.execute(() -> runEpisode(instance, true));
            }
        }
        LOG.info("resumed {} running orchestrations", running.size());
    }

    private void persist(Instance instance) {
        try {
            store.save(new OrchestrationStore.Snapshot(instance.id, List.copyOf(instance.past),
                    List.copyOf(instance.inbox), instance.state, instance.customStatus, instance.output,
                    instance.failureType));
        } catch (IOException e) {
            LOG.error("could not persist orchestration {}", instance.id, e);
        }
    }

    private void runActivity(Instance instance, int taskId, String name, String input) {
        HistoryEvent outcome;
        try {
            UnaryOperator<String> activity = activityCatalog.get(name);
            if (activity == null) {
                throw new IllegalStateException("No activity named " + name);
            }
            String result = activity.apply(input);
            outcome = DurableHistory.taskCompleted(taskId, result, clock.instant());
        } catch (RuntimeException e) {
            // The history is kept and may be read by operators: what is recorded is redacted like a log line.
            String message = Redaction.redact(e.getMessage());
            LOG.warn("activity {} of {} failed: {}", name, instance.id, message);
            outcome = DurableHistory.taskFailed(taskId, e.getClass().getName(), message, clock.instant());
        } finally {
            instance.activities.remove(taskId);
        }
        deliver(instance, outcome);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Stops like a killed process would: work in flight is dropped, and {@link #resume} picks it up next time.
     * Waits briefly for interrupted threads to end, so none writes to the data folder afterwards.
     */
    @Override
    public void close() {
        closed = true;
        episodes.shutdownNow();
        workers.shutdownNow();
        shortWork.shutdownNow();
        timers.shutdownNow();
        try {
            episodes.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
            shortWork.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
