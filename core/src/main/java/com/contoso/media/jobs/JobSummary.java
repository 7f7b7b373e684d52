package com.contoso.media.jobs;

/**
 * What one run of a scheduled job did, logged as one JSON line. {@code backlog} says the run stopped at its
 * batch limit and the next run carries on.
 */
public record JobSummary(String job, int examined, int changed, int failed, boolean backlog, long millis) {
}
