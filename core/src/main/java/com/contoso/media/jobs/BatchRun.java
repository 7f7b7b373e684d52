package com.contoso.media.jobs;

import com.contoso.media.json.Json;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job over one batch: each item is handled on its own, so one that fails is counted and logged and
 * the rest still run; the summary says whether the batch was full (the next run carries on).
 */
public final class BatchRun {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRun.class);

    private BatchRun() {
    }

    /** {@code handle} returns whether it changed anything. */
    public static <T> JobSummary over(String job, List<T> batch, int batchSize, Predicate<T> handle) {
        long started = System.nanoTime();
        int changed = 0;
        int failed = 0;
        for (T item : batch) {
            try {
                changed += handle.test(item) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("{} could not handle {}", job, item, e);
                failed++;
            }
        }
        JobSummary summary = new JobSummary(job, batch.size(), changed, failed, batch.size() == batchSize,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info(Json.write(summary));
        return summary;
    }
}
