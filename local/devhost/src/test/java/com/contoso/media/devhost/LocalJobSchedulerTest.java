package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.jobs.JobSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The schedule read on an injected clock, so no test waits for wall-clock time to pass. */
class LocalJobSchedulerTest {

    private static final Clock AT_12_03_10 = Clock.fixed(Instant.parse("2026-12-05T12:03:10Z"), ZoneOffset.UTC);

    @Test
    void theNextRunFollowsTheNcrontabScheduleWithSecondsFirst() {
        LocalJobScheduler.Job everyFiveMinutes = job("Watchdog", "0 */5 * * * *", new AtomicInteger());
        LocalJobScheduler.Job quarterPast = job("Reconcile", "0 15 * * * *", new AtomicInteger());
        LocalJobScheduler.Job everySecond = job("Relay", "*/1 * * * * *", new AtomicInteger());
        try (LocalJobScheduler scheduler = new LocalJobScheduler(AT_12_03_10, everyFiveMinutes, quarterPast,
                everySecond)) {
            assertThat(scheduler.untilNextRun(everyFiveMinutes)).isEqualTo(Duration.ofSeconds(110));
            assertThat(scheduler.untilNextRun(quarterPast)).isEqualTo(Duration.ofMinutes(11).plusSeconds(50));
            assertThat(scheduler.untilNextRun(everySecond)).isEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void aJobRunsOnDemandOnceAndAnUnknownOneIsNotFound() {
        AtomicInteger runs = new AtomicInteger();
        try (LocalJobScheduler scheduler = new LocalJobScheduler(AT_12_03_10, job("Every", "0 0 0 1 1 *", runs))) {
            assertThat(scheduler.runNow("Every")).get().extracting(JobSummary::job).isEqualTo("Every");
            assertThat(runs).hasValue(1);
            assertThat(scheduler.runNow("Missing")).isEmpty();
        }
    }

    @Test
    void aBadScheduleIsRefusedAtStart() {
        assertThatThrownBy(() -> new LocalJobScheduler(AT_12_03_10, new LocalJobScheduler.Job("Bad",
                "every five minutes", () -> null))).isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalJobScheduler.Job job(String name, String schedule, AtomicInteger runs) {
        return new LocalJobScheduler.Job(name, schedule, () -> new JobSummary(name, runs.incrementAndGet(), 0, 0,
                false, 0));
    }
}
