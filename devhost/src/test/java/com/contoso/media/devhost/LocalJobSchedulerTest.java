package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.jobs.JobSummary;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalJobSchedulerTest {

    @Test
    void runsAJobOnItsNcrontabScheduleAndOnDemand() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        try (LocalJobScheduler scheduler = new LocalJobScheduler(new LocalJobScheduler.Job("Every", "* * * * * *",
                () -> new JobSummary("Every", runs.incrementAndGet(), 0, 0, false, 0)))) {
            scheduler.start();
            Thread.sleep(2_500);
            assertThat(runs.get()).isBetween(2, 4);

            assertThat(scheduler.runNow("Every")).get().extracting(JobSummary::job).isEqualTo("Every");
            assertThat(scheduler.runNow("Missing")).isEmpty();
        }
    }

    @Test
    void aBadScheduleIsRefusedAtStart() {
        assertThatThrownBy(() -> new LocalJobScheduler(new LocalJobScheduler.Job("Bad", "every five minutes",
                () -> null))).isInstanceOf(IllegalArgumentException.class);
    }
}
