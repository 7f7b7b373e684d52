package com.contoso.media.devhost;

import com.contoso.media.jobs.JobSummary;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled jobs in the local runtime on the same NCRONTAB schedules the timer triggers use
 * (six fields, seconds first, which is also Spring's cron format), one run at a time, and on demand.
 */
final class LocalJobScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalJobScheduler.class);
    private static final CronParser NCRONTAB = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    record Job(String name, String schedule, Supplier<JobSummary> run) {
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "scheduled-jobs");
        thread.setDaemon(true);
        return thread;
    });

    private final Clock clock;

    LocalJobScheduler(Clock clock, Job... jobs) {
        this.clock = clock;
        for (Job job : jobs) {
            NCRONTAB.parse(job.schedule()).validate();
            this.jobs.put(job.name(), job);
        }
    }

    void start() {
        jobs.values().forEach(this::scheduleNext);
    }

    /** Runs the job now, on the scheduler's thread, so it never overlaps its scheduled runs. */
    Optional<JobSummary> runNow(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(runner.submit(job.run()::get).get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("job " + name + " failed", e.getCause());
        }
    }

    /** How long from the clock's now until the job's next run; an hour if its schedule never fires again. */
    Duration untilNextRun(Job job) {
        return ExecutionTime.forCron(NCRONTAB.parse(job.schedule()))
                .timeToNextExecution(ZonedDateTime.now(clock)).orElse(Duration.ofHours(1));
    }

    private void scheduleNext(Job job) {
        Duration wait = untilNextRun(job);
        runner.schedule(() -> {
            try {
                job.run().get();
            } catch (RuntimeException e) {
                LOG.error("scheduled job {} failed", job.name(), e);
            }
            scheduleNext(job);
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
