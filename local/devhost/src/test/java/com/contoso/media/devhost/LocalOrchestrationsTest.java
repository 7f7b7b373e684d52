package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.transcoding.InstanceState;
import com.contoso.media.transcoding.TranscodeRequest;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The episode loop and its dispatcher, with a two-step orchestration instead of the transcoder. */
class LocalOrchestrationsTest {

    private static final TranscodeRequest REQUEST =
            new TranscodeRequest("u1", "t1", new BlobRef("media", "t1/u1/original/v.mp4"), "c1");
    /** First "A", then a short durable timer, then "B" with A's result; retries B once when it fails. */
    private static final TaskOrchestration TWO_STEPS = ctx -> {
        String a = ctx.callActivity("A", "in", String.class).await();
        ctx.createTimer(Duration.ofMillis(50)).await();
        String b;
        try {
            b = ctx.callActivity("B", a, String.class).await();
        } catch (TaskFailedException first) {
            b = ctx.callActivity("B", a, String.class).await();
        }
        ctx.complete(b);
    };
    /** Two "Child" sub-orchestrations side by side, each running activity "C"; completes with their results. */
    private static final TaskOrchestration PARENT = ctx -> {
        var first = ctx.callSubOrchestrator("Child", "1", "u1-child-1", String.class);
        var second = ctx.callSubOrchestrator("Child", "2", "u1-child-2", String.class);
        ctx.complete(first.await() + second.await());
    };
    private static final TaskOrchestration CHILD = ctx ->
            ctx.complete(ctx.callActivity("C", ctx.getInput(String.class), String.class).await());

    @TempDir
    Path state;

    @Test
    void anInstanceRunsItsActivitiesTimersAndRetriesToCompletion() throws InterruptedException {
        AtomicInteger bCalls = new AtomicInteger();
        Map<String, UnaryOperator<String>> activities = Map.of(
                "A", input -> "\"a\"",
                "B", input -> {
                    if (bCalls.incrementAndGet() == 1) {
                        throw new IllegalStateException("transient");
                    }
                    return "\"b\"";
                });
        try (LocalOrchestrations orchestrations = start(activities)) {
            orchestrations.start(REQUEST);
            orchestrations.start(REQUEST);

            assertThat(awaitState(orchestrations, InstanceState.COMPLETED)).isTrue();
            assertThat(bCalls).hasValue(2);
        }
    }

    @Test
    void aRestartRunsAgainOnlyWhatWasNeverAnswered() throws InterruptedException {
        CountDownLatch bStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger aCalls = new AtomicInteger();
        try (LocalOrchestrations first = start(Map.of(
                "A", input -> {
                    aCalls.incrementAndGet();
                    return "\"a\"";
                },
                "B", input -> {
                    bStarted.countDown();
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("killed");
                }))) {
            first.start(REQUEST);
            assertThat(bStarted.await(10, TimeUnit.SECONDS)).isTrue();
        }

        try (LocalOrchestrations second = start(Map.of(
                "A", input -> {
                    aCalls.incrementAndGet();
                    return "\"a\"";
                },
                "B", input -> "\"b\""))) {
            second.resume();

            assertThat(awaitState(second, InstanceState.COMPLETED)).isTrue();
            assertThat(aCalls).as("A was answered before the restart").hasValue(1);
        }
    }

    @Test
    void aRestartDoesNotCountAsAFailureOfTheActivityItInterrupted() throws InterruptedException {
        CountDownLatch bStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (LocalOrchestrations first = start(Map.of("A", input -> "\"a\"", "B", input -> {
            bStarted.countDown();
            await(never);
            throw new IllegalStateException("killed mid-attempt");
        }))) {
            first.start(REQUEST);
            assertThat(bStarted.await(10, TimeUnit.SECONDS)).isTrue();
        }
        AtomicInteger bCalls = new AtomicInteger();

        try (LocalOrchestrations second = start(Map.of("A", input -> "\"a\"", "B", input -> {
            if (bCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("a real failure");
            }
            return "\"b\"";
        }))) {
            second.resume();

            // TWO_STEPS retries B once: had the restart counted as B's failure, this real one would have ended it.
            assertThat(awaitState(second, InstanceState.COMPLETED)).isTrue();
            assertThat(bCalls).hasValue(2);
        }
    }

    @Test
    void anInstanceKilledBetweenSavingItsLastEpisodeAndItsEndCompletesAfterARestartWithoutRerunningWork()
            throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (LocalOrchestrations first = start(Map.of("A", input -> {
            calls.incrementAndGet();
            return "\"a\"";
        }, "B", input -> {
            calls.incrementAndGet();
            return "\"b\"";
        }))) {
            first.start(REQUEST);
            assertThat(awaitState(first, "u1", InstanceState.COMPLETED)).isTrue();
        }
        // What a kill after the history's write and before the progress file's leaves: every answer, no end.
        java.nio.file.Files.writeString(state.resolve("u1.json"), "{\"state\":\"RUNNING\"}");

        try (LocalOrchestrations second = start(Map.of("A", input -> {
            calls.incrementAndGet();
            return "\"a\"";
        }, "B", input -> {
            calls.incrementAndGet();
            return "\"b\"";
        }))) {
            second.resume();

            assertThat(awaitState(second, "u1", InstanceState.COMPLETED)).isTrue();
            assertThat(calls).as("nothing ran twice").hasValue(2);
        }
    }

    @Test
    void cancellingStopsTheInstance() {
        try (LocalOrchestrations orchestrations = start(Map.of("A", input -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "\"a\"";
        }, "B", input -> "\"b\""))) {
            orchestrations.start(REQUEST);
            orchestrations.cancel("u1", "deleted");

            assertThat(orchestrations.state("u1")).contains(InstanceState.TERMINATED);
            assertThat(orchestrations.state("unknown")).isEmpty();
        }
    }

    @Test
    void subOrchestrationsAnswerTheirParentAndSurviveARestart() throws InterruptedException {
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (LocalOrchestrations first = withChildren(Map.of("C", input -> {
            calls.incrementAndGet();
            if (input.equals("\"2\"")) {
                secondStarted.countDown();
                await(never);
            }
            return "\"c\"";
        }))) {
            first.start(REQUEST);
            assertThat(secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(awaitState(first, "u1-child-1", InstanceState.COMPLETED)).isTrue();
        }

        try (LocalOrchestrations second = withChildren(Map.of("C", input -> {
            calls.incrementAndGet();
            return "\"c\"";
        }))) {
            second.resume();

            assertThat(awaitState(second, "u1", InstanceState.COMPLETED)).isTrue();
            assertThat(calls).as("child 1's activity ran once; child 2's again after the restart").hasValue(3);
        }
    }

    @Test
    void cancellingAParentCancelsItsSubOrchestrations() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch never = new CountDownLatch(1);
        try (LocalOrchestrations orchestrations = withChildren(Map.of("C", input -> {
            started.countDown();
            await(never);
            return "\"c\"";
        }))) {
            orchestrations.start(REQUEST);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            orchestrations.cancel("u1", "deleted");

            assertThat(orchestrations.state("u1-child-1")).contains(InstanceState.TERMINATED);
            assertThat(orchestrations.state("u1-child-2")).contains(InstanceState.TERMINATED);
        }
    }

    private LocalOrchestrations start(Map<String, UnaryOperator<String>> activities) {
        return new LocalOrchestrations("TwoSteps", Map.of("TwoSteps", TWO_STEPS), activities, Set.of("A", "B"), 2,
                Clock.systemUTC(), state);
    }

    private LocalOrchestrations withChildren(Map<String, UnaryOperator<String>> activities) {
        return new LocalOrchestrations("Parent", Map.of("Parent", PARENT, "Child", CHILD), activities, Set.of("C"),
                2, Clock.systemUTC(), state);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitState(LocalOrchestrations orchestrations, InstanceState wanted)
            throws InterruptedException {
        return awaitState(orchestrations, "u1", wanted);
    }

    private static boolean awaitState(LocalOrchestrations orchestrations, String id, InstanceState wanted)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (orchestrations.state(id).filter(wanted::equals).isPresent()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
