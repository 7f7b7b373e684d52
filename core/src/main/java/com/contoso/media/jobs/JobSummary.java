package com.contoso.media.jobs;

import java.util.Map;

/**
 * What one run of a scheduled job did, logged as one JSON line. {@code backlog} says the run stopped at its
 * batch limit and the next run carries on; {@code details} holds job-specific counts (for example dead letters
 * left, by reason).
 */
public record JobSummary(String job, int examined, int changed, int failed, boolean backlog, long millis,
                         Map<String, Long> details) {

    public JobSummary {
        details = Map.copyOf(details);
    }

    public JobSummary(String job, int examined, int changed, int failed, boolean backlog, long millis) {
        this(job, examined, changed, failed, backlog, millis, Map.of());
    }
}
