package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.transcoding.DurableHistory;
import com.google.protobuf.Timestamp;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnfinishedWorkTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Timestamp LATER = Timestamp.newBuilder().setSeconds(T.getEpochSecond() + 60).build();

    @Test
    void unansweredTasksRunAgainAndUnfiredTimersAreRearmed() {
        List<HistoryEvent> past = List.of(
                DurableHistory.taskScheduled(0, "ProbeSource", "\"in\"", T),
                DurableHistory.taskCompleted(0, "\"ok\"", T),
                DurableHistory.taskScheduled(1, "EncodeLadder", "\"job\"", T),
                DurableHistory.taskScheduled(2, "CreateThumbnail", "\"job\"", T),
                DurableHistory.taskFailed(2, "java.lang.IllegalStateException", "boom", T),
                DurableHistory.timerCreated(3, LATER, T),
                DurableHistory.timerCreated(4, LATER, T),
                DurableHistory.timerFired(4, LATER, T));

        UnfinishedWork unfinished = UnfinishedWork.in(past, List.of());

        assertThat(unfinished.tasksToRerun()).extracting(HistoryEvent::getEventId).containsExactly(1);
        assertThat(unfinished.timersToRearm()).extracting(HistoryEvent::getEventId).containsExactly(3);
    }

    @Test
    void answersWaitingInTheInboxAreNotRunAgain() {
        List<HistoryEvent> past = List.of(DurableHistory.taskScheduled(0, "EncodeLadder", "\"job\"", T),
                DurableHistory.timerCreated(1, LATER, T));
        List<HistoryEvent> inbox = List.of(DurableHistory.taskCompleted(0, "[]", T),
                DurableHistory.timerFired(1, LATER, T));

        UnfinishedWork unfinished = UnfinishedWork.in(past, inbox);

        assertThat(unfinished.tasksToRerun()).isEmpty();
        assertThat(unfinished.timersToRearm()).isEmpty();
    }
}
