package com.contoso.media.transcoding;

import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs activity calls side by side, each retried with exponential backoff, all bounded by one durable timer.
 *
 * <p>Why not the SDK's RetryPolicy: in durabletask-client 1.4.0 a retried task records its start time only
 * when its own {@code await()} runs, so awaiting it through {@code anyOf} (needed to race it against a timeout)
 * makes the retry fail with a NullPointerException in {@code RetriableTask.tryRetry}. Plain tasks, durable
 * timers and this loop replay deterministically.
 */
final class RetryingCalls {

    /** One activity call: its name, input and result type. */
    record Call(String activity, Object input, Class<?> resultType) {
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
     * Results in call order. {@code finished} hears the index of each call as it succeeds.
     *
     * @throws TaskFailedException when a call fails {@code maxAttempts} times
     * @throws TimedOut when {@code timeout} fires first
     */
    List<Object> all(TaskOrchestrationContext ctx, List<Call> calls, Duration timeout, IntConsumer finished) {
        Task<Void> deadline = ctx.createTimer(timeout);
        int count = calls.size();
        // Arrays indexed by call, walked in order: replay must create the same tasks in the same order.
        Task<?>[] current = new Task<?>[count];
        boolean[] backingOff = new boolean[count];
        boolean[] done = new boolean[count];
        int[] attempts = new int[count];
        Object[] results = new Object[count];
        for (int i = 0; i < count; i++) {
            current[i] = start(ctx, calls.get(i));
            attempts[i] = 1;
        }
        int remaining = count;
        while (remaining > 0) {
            List<Task<?>> race = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (!done[i]) {
                    race.add(current[i]);
                }
            }
            race.add(deadline);
            try {
                ctx.anyOf(race).await();
            } catch (TaskFailedException firstToFinishFailed) {
                // anyOf fails when its first finished task failed; the loop below finds which and handles it.
            }
            for (int i = 0; i < count; i++) {
                if (done[i] || !current[i].isDone()) {
                    continue;
                }
                if (backingOff[i]) {
                    backingOff[i] = false;
                    current[i] = start(ctx, calls.get(i));
                    continue;
                }
                try {
                    results[i] = current[i].await();
                    done[i] = true;
                    remaining--;
                    finished.accept(i);
                } catch (TaskFailedException failure) {
                    if (attempts[i] >= maxAttempts) {
                        throw failure;
                    }
                    current[i] = ctx.createTimer(backoff(attempts[i]));
                    backingOff[i] = true;
                    attempts[i]++;
                }
            }
            if (remaining > 0 && deadline.isDone()) {
                throw new TimedOut(calls.get(0).activity() + " did not finish within " + timeout);
            }
        }
        return Arrays.asList(results);
    }

    Object one(TaskOrchestrationContext ctx, Call call, Duration timeout) {
        return all(ctx, List.of(call), timeout, index -> { }).get(0);
    }

    private static Task<?> start(TaskOrchestrationContext ctx, Call call) {
        return ctx.callActivity(call.activity(), call.input(), null, call.resultType());
    }

    /** A durable timer fired before the calls it guards finished. */
    static final class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }
}
