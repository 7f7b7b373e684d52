package com.contoso.media.transcoding;

import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Runs calls side by side, at most so many at once, each activity retried with exponential backoff, all bounded by
 * one durable timer. A sub-orchestration is called once: it retries its own activities.
 *
 * <p>Why not the SDK's RetryPolicy: in durabletask-client 1.4.0 a retried task records its start time only when its
 * own {@code await()} runs, so awaiting it through {@code anyOf} (needed to race it against a timeout) makes the
 * retry fail with a NullPointerException in {@code RetriableTask.tryRetry} (microsoft/durabletask-java, RetriableTask
 * with anyOf). Plain tasks, durable timers and this loop replay deterministically: attempts are walked in call order,
 * so a replay creates the same tasks in the same order.
 */
final class RetryingCalls {

    /** One call: an activity (no {@code instanceId}) or a sub-orchestration with its instance id. */
    record Call<T>(String activity, Object input, Class<T> resultType, String instanceId) {

        Call(String activity, Object input, Class<T> resultType) {
            this(activity, input, resultType, null);
        }

        static <T> Call<T> subOrchestration(String name, String instanceId, Object input, Class<T> resultType) {
            return new Call<>(name, input, resultType, instanceId);
        }

        boolean isSubOrchestration() {
            return instanceId != null;
        }
    }

    /** The results of {@link #all}, by call. */
    static final class Results {
        private final Map<Call<?>, Object> byCall = new IdentityHashMap<>();

        <T> T of(Call<T> call) {
            return call.resultType().cast(byCall.get(call));
        }
    }

    private final int maxAttempts;
    private final Duration firstRetry;

    RetryingCalls(int maxAttempts, Duration firstRetry) {
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
    }

    /** The delay after failed attempt {@code attempt} (1-based): firstRetry, then doubling. */
    Duration backoff(int attempt) {
        return firstRetry.multipliedBy(1L << (attempt - 1));
    }

    /**
     * Every call's result, running at most {@code limit} at once, in the order given. {@code finished} hears each
     * call and its result as it succeeds.
     *
     * @throws TaskFailedException when a call fails {@code maxAttempts} times
     * @throws TimedOut when {@code timeout} fires first
     */
    Results all(TaskOrchestrationContext ctx, List<? extends Call<?>> calls, int limit, Duration timeout,
                BiConsumer<Call<?>, Object> finished) {
        return all(ctx, List.of(), calls, limit, timeout, finished);
    }

    /**
     * As {@link #all(TaskOrchestrationContext, List, int, Duration, BiConsumer)}, with {@code sides} started at once
     * beside the queued {@code calls}: they neither wait for nor take a place among the {@code limit}. A call being
     * retried keeps its place while it waits for its backoff.
     */
    Results all(TaskOrchestrationContext ctx, List<? extends Call<?>> sides, List<? extends Call<?>> calls, int limit,
                Duration timeout, BiConsumer<Call<?>, Object> finished) {
        Task<Void> deadline = ctx.createTimer(timeout);
        Deque<Call<?>> waiting = new ArrayDeque<>(calls);
        List<Attempt<?>> attempts = new ArrayList<>();
        List<Attempt<?>> queued = new ArrayList<>();
        sides.forEach(side -> attempts.add(new Attempt<>(ctx, side)));
        Results results = new Results();
        while (!waiting.isEmpty() || attempts.stream().anyMatch(attempt -> !attempt.succeeded)) {
            long running = queued.stream().filter(attempt -> !attempt.succeeded).count();
            for (; running < limit && !waiting.isEmpty(); running++) {
                Attempt<?> next = new Attempt<>(ctx, waiting.poll());
                queued.add(next);
                attempts.add(next);
            }
            List<Task<?>> race = new ArrayList<>();
            attempts.stream().filter(attempt -> !attempt.succeeded).forEach(attempt -> race.add(attempt.task));
            race.add(deadline);
            try {
                ctx.anyOf(race).await();
            } catch (TaskFailedException firstToFinishFailed) {
                // anyOf fails when its first finished task failed; the walk below finds which and handles it.
            }
            for (Attempt<?> attempt : attempts) {
                if (attempt.advance(ctx)) {
                    results.byCall.put(attempt.call, attempt.result);
                    finished.accept(attempt.call, attempt.result);
                }
            }
            boolean unfinished = !waiting.isEmpty() || attempts.stream().anyMatch(attempt -> !attempt.succeeded);
            if (unfinished && deadline.isDone()) {
                throw new TimedOut(calls.get(0).activity() + " did not finish within " + timeout);
            }
        }
        return results;
    }

    <T> T one(TaskOrchestrationContext ctx, Call<T> call, Duration timeout) {
        return all(ctx, List.of(call), 1, timeout, (done, result) -> { }).of(call);
    }

    /** One call's progress: the task it waits on (the activity, or the backoff timer before the next try). */
    private final class Attempt<T> {
        private final Call<T> call;
        private Task<?> task;
        private int tries = 1;
        private boolean backingOff;
        private boolean succeeded;
        private T result;

        private Attempt(TaskOrchestrationContext ctx, Call<T> call) {
            this.call = call;
            this.task = start(ctx);
        }

        /** Moves on if its task finished; true when the call just succeeded. */
        private boolean advance(TaskOrchestrationContext ctx) {
            if (succeeded || !task.isDone()) {
                return false;
            }
            if (backingOff) {
                backingOff = false;
                task = start(ctx);
                return false;
            }
            try {
                result = call.resultType().cast(task.await());
                succeeded = true;
                return true;
            } catch (TaskFailedException failure) {
                if (tries >= maxAttempts || call.isSubOrchestration()) {
                    throw failure;
                }
                task = ctx.createTimer(backoff(tries));
                backingOff = true;
                tries++;
                return false;
            }
        }

        private Task<T> start(TaskOrchestrationContext ctx) {
            return call.isSubOrchestration()
                    ? ctx.callSubOrchestrator(call.activity(), call.input(), call.instanceId(), call.resultType())
                    : ctx.callActivity(call.activity(), call.input(), null, call.resultType());
        }
    }

    /** A durable timer fired before the calls it guards finished. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }
}
