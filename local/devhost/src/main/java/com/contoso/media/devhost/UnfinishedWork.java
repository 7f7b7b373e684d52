package com.contoso.media.devhost;

import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a reloaded instance was still waiting for: activities scheduled but never answered (they run again; they are
 * idempotent), timers created but never fired (they are re-armed) and sub-orchestrations not answered yet (a
 * finished one answers again, one never started starts). Answers already in the inbox count as answers.
 */
record UnfinishedWork(List<HistoryEvent> tasksToRerun, List<HistoryEvent> timersToRearm,
                      List<HistoryEvent> subOrchestrationsAwaited) {

    /** Nothing to re-run, re-arm or wait for. */
    boolean isEmpty() {
        return tasksToRerun.isEmpty() && timersToRearm.isEmpty() && subOrchestrationsAwaited.isEmpty();
    }

    static UnfinishedWork in(List<HistoryEvent> past, List<HistoryEvent> inbox) {
        Set<Integer> answered = new HashSet<>();
        Set<Integer> fired = new HashSet<>();
        List<HistoryEvent> everything = new ArrayList<>(past);
        everything.addAll(inbox);
        for (HistoryEvent event : everything) {
            if (event.hasTaskCompleted()) {
                answered.add(event.getTaskCompleted().getTaskScheduledId());
            } else if (event.hasTaskFailed()) {
                answered.add(event.getTaskFailed().getTaskScheduledId());
            } else if (event.hasSubOrchestrationInstanceCompleted()) {
                answered.add(event.getSubOrchestrationInstanceCompleted().getTaskScheduledId());
            } else if (event.hasSubOrchestrationInstanceFailed()) {
                answered.add(event.getSubOrchestrationInstanceFailed().getTaskScheduledId());
            } else if (event.hasTimerFired()) {
                fired.add(event.getTimerFired().getTimerId());
            }
        }
        List<HistoryEvent> tasks = past.stream()
                .filter(event -> event.hasTaskScheduled() && !answered.contains(event.getEventId())).toList();
        List<HistoryEvent> timers = past.stream()
                .filter(event -> event.hasTimerCreated() && !fired.contains(event.getEventId())).toList();
        List<HistoryEvent> children = past.stream().filter(event -> event.hasSubOrchestrationInstanceCreated()
                && !answered.contains(event.getEventId())).toList();
        return new UnfinishedWork(tasks, timers, children);
    }
}
