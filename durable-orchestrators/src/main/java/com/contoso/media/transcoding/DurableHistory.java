package com.contoso.media.transcoding;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StringValue;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.OrchestrationRunner;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.EventRaisedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ExecutionStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationInstance;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorStartedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.ParentInstanceInfo;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.SubOrchestrationInstanceFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskCompletedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskFailureDetails;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TaskScheduledEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerCreatedEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.TimerFiredEvent;
import java.time.Instant;
import java.util.List;

/**
 * Durable history events and one replay episode through the SDK's {@link OrchestrationRunner}, the same code
 * path the Functions worker uses. Used by the local runtime's driver and by the orchestrator replay tests.
 * Events that answer an action point back at its id: TaskCompleted/TaskFailed and SubOrchestrationInstance-
 * Completed/Failed by taskScheduledId, TimerFired by timerId; every episode starts with OrchestratorStarted, whose time the SDK takes as "now".
 */
public final class DurableHistory {

    private DurableHistory() {
    }

    public static OrchestratorResponse replay(TaskOrchestration orchestration, String instanceId,
                                              List<HistoryEvent> past, List<HistoryEvent> newEvents) {
        byte[] request = OrchestratorRequest.newBuilder().setInstanceId(instanceId)
                .addAllPastEvents(past).addAllNewEvents(newEvents).build().toByteArray();
        try {
            return OrchestratorResponse.parseFrom(OrchestrationRunner.loadAndRun(request, orchestration));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the Durable SDK returned an unreadable response", e);
        }
    }

    public static HistoryEvent orchestratorStarted(Instant at) {
        return event(-1, at).setOrchestratorStarted(OrchestratorStartedEvent.getDefaultInstance()).build();
    }

    public static HistoryEvent executionStarted(String name, String instanceId, String inputJson, Instant at) {
        return event(-1, at).setExecutionStarted(started(name, instanceId, inputJson)).build();
    }

    /** A sub-orchestration's first event: it names the parent and the parent's task waiting for it. */
    public static HistoryEvent executionStarted(String name, String instanceId, String inputJson, String parentId,
                                                int parentTaskId, Instant at) {
        return event(-1, at).setExecutionStarted(started(name, instanceId, inputJson).setParentInstance(
                ParentInstanceInfo.newBuilder().setTaskScheduledId(parentTaskId)
                        .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(parentId)))).build();
    }

    private static ExecutionStartedEvent.Builder started(String name, String instanceId, String inputJson) {
        return ExecutionStartedEvent.newBuilder().setName(name).setInput(StringValue.of(inputJson))
                .setOrchestrationInstance(OrchestrationInstance.newBuilder().setInstanceId(instanceId));
    }

    public static HistoryEvent subOrchestrationCreated(int id, String name, String instanceId, String inputJson,
                                                       Instant at) {
        return event(id, at).setSubOrchestrationInstanceCreated(SubOrchestrationInstanceCreatedEvent.newBuilder()
                .setName(name).setInstanceId(instanceId).setInput(StringValue.of(inputJson))).build();
    }

    public static HistoryEvent subOrchestrationCompleted(int taskScheduledId, String resultJson, Instant at) {
        return event(-1, at).setSubOrchestrationInstanceCompleted(SubOrchestrationInstanceCompletedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId).setResult(StringValue.of(resultJson == null ? "null" : resultJson)))
                .build();
    }

    public static HistoryEvent subOrchestrationFailed(int taskScheduledId, String errorType, String message,
                                                      Instant at) {
        return event(-1, at).setSubOrchestrationInstanceFailed(SubOrchestrationInstanceFailedEvent.newBuilder()
                .setTaskScheduledId(taskScheduledId).setFailureDetails(TaskFailureDetails.newBuilder()
                        .setErrorType(errorType).setErrorMessage(String.valueOf(message)))).build();
    }

    public static HistoryEvent taskScheduled(int id, String name, String inputJson, Instant at) {
        return event(id, at).setTaskScheduled(TaskScheduledEvent.newBuilder().setName(name)
                .setInput(StringValue.of(inputJson == null ? "null" : inputJson))).build();
    }

    public static HistoryEvent taskCompleted(int taskScheduledId, String resultJson, Instant at) {
        return event(-1, at).setTaskCompleted(TaskCompletedEvent.newBuilder().setTaskScheduledId(taskScheduledId)
                .setResult(StringValue.of(resultJson == null ? "null" : resultJson))).build();
    }

    public static HistoryEvent taskFailed(int taskScheduledId, String errorType, String message, Instant at) {
        return event(-1, at).setTaskFailed(TaskFailedEvent.newBuilder().setTaskScheduledId(taskScheduledId)
                .setFailureDetails(TaskFailureDetails.newBuilder().setErrorType(errorType)
                        .setErrorMessage(String.valueOf(message)))).build();
    }

    public static HistoryEvent timerCreated(int id, Timestamp fireAt, Instant at) {
        return event(id, at).setTimerCreated(TimerCreatedEvent.newBuilder().setFireAt(fireAt)).build();
    }

    public static HistoryEvent timerFired(int timerId, Timestamp fireAt, Instant at) {
        return event(-1, at).setTimerFired(TimerFiredEvent.newBuilder().setTimerId(timerId).setFireAt(fireAt)).build();
    }

    /** An external event for the instance ({@code ctx.waitForExternalEvent(name)}), with no data. */
    public static HistoryEvent eventRaised(String name, Instant at) {
        return event(-1, at).setEventRaised(EventRaisedEvent.newBuilder().setName(name)).build();
    }

    private static HistoryEvent.Builder event(int eventId, Instant at) {
        return HistoryEvent.newBuilder().setEventId(eventId).setTimestamp(DataConverter.getTimestampFromInstant(at));
    }
}
