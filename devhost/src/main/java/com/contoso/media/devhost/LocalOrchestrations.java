package com.contoso.media.devhost;

import com.contoso.media.json.Json;
import com.contoso.media.transcoding.DurableHistory;
import com.contoso.media.transcoding.InstanceState;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeProgress;
import com.contoso.media.transcoding.TranscodeRequest;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's Durable backend. Orchestrations run through the SDK's own replay
 * ({@link OrchestrationRunner}) exactly as the Functions worker runs them: each episode replays the history,
 * and the actions it returns become history events (ScheduleTask → TaskScheduled, CreateTimer → TimerCreated)
 * whose completions point back by id. Activities run on a bounded worker pool; durable timers on a scheduler.
 * Episodes run on one thread, so an instance's history never sees two writers.
 *
 * <p>Each instance's history is written to the state folder after every episode. {@link #resume} reloads it after
 * a restart: activities that were scheduled but never answered run again (they are idempotent: same inputs,
 * same output paths) and pending timers are re-armed, so in-flight transcodes finish.
 */
public final class LocalOrchestrations implements TranscodeControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalOrchestrations.class);
    private static final DataConverter JSON = new JacksonDataConverter();

    private static final class Instance {
        final String id;
        final List<HistoryEvent> past = new ArrayList<>();
        final List<HistoryEvent> inbox = new ArrayList<>();
        final Map<Integer, Future<?>> activities = new ConcurrentHashMap<>();
        volatile InstanceState state = InstanceState.RUNNING;
        volatile String customStatus;
        volatile String output;

        Instance(String id) {
            this.id = id;
        }
    }

    private final String orchestrationName;
    private final TaskOrchestration orchestration;
    private final Map<String, UnaryOperator<String>> activityCatalog;
    private final Clock clock;
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final ExecutorService episodes = Executors.newSingleThreadExecutor(r -> daemon(r, "orchestrator"));
    private final ExecutorService workers;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "durable-timers"));
    private final Path stateFolder;
    private volatile boolean closed;

    public LocalOrchestrations(String orchestrationName, TaskOrchestration orchestration,
                               Map<String, UnaryOperator<String>> activityCatalog, int activityWorkers, Clock clock,
                               Path stateFolder) {
        this.stateFolder = stateFolder;
        this.orchestrationName = orchestrationName;
        this.orchestration = orchestration;
        this.activityCatalog = Map.copyOf(activityCatalog);
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(activityWorkers, r -> daemon(r, "activity"));
    }

    @Override
    public void start(TranscodeRequest request) {
        Instance created = new Instance(request.uploadId());
        if (instances.putIfAbsent(request.uploadId(), created) != null) {
            LOG.info("orchestration {} already exists; start skipped", request.uploadId());
            return;
        }
        deliver(created, DurableHistory.executionStarted(orchestrationName, request.uploadId(),
                JSON.serialize(request), clock.instant()));
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
        LOG.info("orchestration {} terminated: {}", uploadId, reason);
    }

    @Override
    public Optional<TranscodeProgress> progress(String uploadId) {
        return Optional.ofNullable(instances.get(uploadId))
                .filter(instance -> instance.state == InstanceState.RUNNING && instance.customStatus != null)
                .map(instance -> Json.read(instance.customStatus, TranscodeProgress.class));
    }

    @Override
    public Optional<InstanceState> state(String uploadId) {
        return Optional.ofNullable(instances.get(uploadId)).map(instance -> instance.state);
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
        episodes.execute(() -> runEpisode(instance));
    }

    private void runEpisode(Instance instance) {
        List<HistoryEvent> newEvents = new ArrayList<>();
        List<HistoryEvent> past;
        synchronized (instance) {
            if (instance.state != InstanceState.RUNNING || instance.inbox.isEmpty()) {
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
            response = DurableHistory.replay(orchestration, instance.id, past, newEvents);
        } catch (RuntimeException e) {
            LOG.error("orchestration {} could not be replayed", instance.id, e);
            instance.state = InstanceState.FAILED;
            persist(instance);
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
                LOG.info("orchestration {} {}: {}", instance.id, instance.state, instance.output);
            }
            default -> LOG.warn("orchestration {} asked for unsupported action {}", instance.id,
                    action.getOrchestratorActionTypeCase());
        }
    }

    private void dispatch(Instance instance, int taskId, String name, String input) {
        instance.activities.put(taskId, workers.submit(() -> runActivity(instance, taskId, name, input)));
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
        if (!Files.isDirectory(stateFolder)) {
            return;
        }
        int resumed = 0;
        try (Stream<Path> files = Files.list(stateFolder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pb")).toList()) {
                OrchestratorRequest saved = OrchestratorRequest.parseFrom(Files.readAllBytes(file));
                SavedState state = Json.read(Files.readString(file.resolveSibling(saved.getInstanceId() + ".json")),
                        SavedState.class);
                Instance instance = new Instance(saved.getInstanceId());
                instance.past.addAll(saved.getPastEventsList());
                instance.state = state.state();
                instance.customStatus = state.customStatus();
                instance.output = state.output();
                instances.put(instance.id, instance);
                if (instance.state == InstanceState.RUNNING) {
                    carryOn(instance, saved.getNewEventsList());
                    resumed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reload orchestrations from " + stateFolder, e);
        }
        LOG.info("resumed {} running orchestrations from {}", resumed, stateFolder);
    }

    private void carryOn(Instance instance, List<HistoryEvent> inbox) {
        Set<Integer> answered = new HashSet<>();
        Set<Integer> fired = new HashSet<>();
        for (HistoryEvent event : concat(instance.past, inbox)) {
            if (event.hasTaskCompleted()) {
                answered.add(event.getTaskCompleted().getTaskScheduledId());
            } else if (event.hasTaskFailed()) {
                answered.add(event.getTaskFailed().getTaskScheduledId());
            } else if (event.hasTimerFired()) {
                fired.add(event.getTimerFired().getTimerId());
            }
        }
        for (HistoryEvent event : instance.past) {
            if (event.hasTaskScheduled() && !answered.contains(event.getEventId())) {
                String input = event.getTaskScheduled().getInput().getValue();
                dispatch(instance, event.getEventId(), event.getTaskScheduled().getName(), input);
            } else if (event.hasTimerCreated() && !fired.contains(event.getEventId())) {
                arm(instance, event.getEventId(), event.getTimerCreated().getFireAt());
            }
        }
        inbox.forEach(event -> deliver(instance, event));
    }

    private static List<HistoryEvent> concat(List<HistoryEvent> first, List<HistoryEvent> second) {
        List<HistoryEvent> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** What survives a restart besides the history: how far the instance got. */
    private record SavedState(InstanceState state, String customStatus, String output) {
    }

    private void persist(Instance instance) {
        try {
            Files.createDirectories(stateFolder);
            write(stateFolder.resolve(instance.id + ".pb"), OrchestratorRequest.newBuilder().setInstanceId(instance.id)
                    .addAllPastEvents(instance.past).addAllNewEvents(instance.inbox).build().toByteArray());
            write(stateFolder.resolve(instance.id + ".json"), Json.write(new SavedState(instance.state,
                    instance.customStatus, instance.output)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("could not persist orchestration {}", instance.id, e);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
            LOG.warn("activity {} of {} failed: {}", name, instance.id, e.getMessage());
            outcome = DurableHistory.taskFailed(taskId, e.getClass().getName(), e.getMessage(), clock.instant());
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
        timers.shutdownNow();
        try {
            episodes.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
