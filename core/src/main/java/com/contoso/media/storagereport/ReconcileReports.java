package com.contoso.media.storagereport;

import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.usagereport.ReportStore;
import com.contoso.media.usagereport.UsageCounters;
import com.contoso.media.usagereport.UsageFold;
import com.contoso.media.usagereport.UsageProjection;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadEvents;
import com.contoso.media.uploads.UploadScans;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the usage reports of the last {@code RECONCILE_DAYS} days agree with the upload records, the source of
 * truth. Two passes per tenant:
 * <ol>
 * <li>every event the records imply whose idempotency record is missing (the event was lost, or is still on its
 * way) is applied, exactly once, so a late delivery of it changes nothing;</li>
 * <li>for days that are over (no event of theirs can still be written), the report is compared with the sum the
 * records give, and any difference (a projection bug) is added as a correction. A correction's id is derived
 * from the figures it corrects, so two runs seeing the same difference apply it once.</li>
 * </ol>
 * Each run handles {@code RECONCILE_TENANTS_PER_RUN} tenants, continuing after the last one of the previous run.
 */
public final class ReconcileReports {

    static final String NAME = "ReconcileReports";
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileReports.class);
    /** Clock skew between instances: a day is treated as over this long after midnight UTC. */
    private static final Duration DAY_SETTLES_AFTER = Duration.ofMinutes(10);

    private record Outcome(int eventsApplied, int daysCorrected, int storageCorrected) {
    }

    private final UploadScans uploads;
    private final ReportStore reports;
    private final StorageReconciler storage;
    private final JobSettings settings;
    private final Clock clock;

    public ReconcileReports(UploadScans uploads, ReportStore reports, StorageReconciler storage, JobSettings settings,
                            Clock clock) {
        this.uploads = uploads;
        this.reports = reports;
        this.storage = storage;
        this.settings = settings;
        this.clock = clock;
    }

    public JobSummary run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        LocalDate firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(settings.reconcileDays() - 1L);
        LocalDate lastClosedDay = LocalDate.ofInstant(now.minus(DAY_SETTLES_AFTER), ZoneOffset.UTC).minusDays(1);
        List<String> tenants = inTurn(uploads.tenantsChangedSince(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant()),
                reports.checkpoint(NAME));
        List<String> batch = tenants.subList(0, Math.min(tenants.size(), settings.reconcileTenantsPerRun()));
        int eventsApplied = 0;
        int daysCorrected = 0;
        int storageCorrected = 0;
        int failed = 0;
        for (String tenant : batch) {
            try {
                Outcome outcome = reconcile(tenant, firstDay, lastClosedDay);
                eventsApplied += outcome.eventsApplied();
                daysCorrected += outcome.daysCorrected();
                storageCorrected += outcome.storageCorrected();
            } catch (RuntimeException e) {
                LOG.warn("could not reconcile the reports of {}", tenant, e);
                failed++;
            }
        }
        if (!batch.isEmpty()) {
            reports.saveCheckpoint(NAME, batch.get(batch.size() - 1));
        }
        JobSummary summary = new JobSummary(NAME, batch.size(), eventsApplied + daysCorrected + storageCorrected,
                failed, batch.size() < tenants.size(), (System.nanoTime() - started) / 1_000_000,
                Map.of("eventsApplied", (long) eventsApplied, "daysCorrected", (long) daysCorrected,
                        "storageCorrected", (long) storageCorrected));
        LOG.info(Json.write(summary));
        return summary;
    }

    private Outcome reconcile(String tenant, LocalDate firstDay, LocalDate lastClosedDay) {
        Map<LocalDate, UsageCounters> truth = new HashMap<>();
        int eventsApplied = 0;
        int storageCorrected = 0;
        for (Upload upload : uploads.changedSince(tenant, firstDay.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            storageCorrected += storage.reconcile(upload) ? 1 : 0;
            for (UploadEvent event : UploadEvents.all(upload)) {
                if (!UsageProjection.folds(event.type()) || UsageProjection.dayOf(event).isBefore(firstDay)) {
                    continue;
                }
                UsageFold fold = UsageProjection.foldOf(event);
                truth.merge(fold.day(), fold.delta(), UsageCounters::plus);
                if (!reports.wasApplied(tenant, event.id()) && reports.applyOnce(fold)) {
                    LOG.info("applied an event the report had missed: {} {} of upload {} on {}", tenant,
                            event.type().value(), upload.id(), fold.day());
                    eventsApplied++;
                }
            }
        }
        int daysCorrected = 0;
        if (lastClosedDay.isBefore(firstDay)) {
            return new Outcome(eventsApplied, 0, storageCorrected);
        }
        Map<LocalDate, UsageCounters> stored = new HashMap<>();
        reports.read(tenant, firstDay, lastClosedDay).forEach(day -> stored.put(day.day(), day.counters()));
        for (LocalDate day = firstDay; !day.isAfter(lastClosedDay); day = day.plusDays(1)) {
            UsageCounters expected = truth.getOrDefault(day, UsageCounters.ZERO);
            UsageCounters actual = stored.getOrDefault(day, UsageCounters.ZERO);
            UsageCounters correction = expected.minus(actual);
            if (!correction.isZero() && reports.applyOnce(new UsageFold(tenant, day,
                    correctionId(tenant, day, expected, actual), correction, Instant.EPOCH))) {
                LOG.warn("corrected the usage of {} on {}: was {}, records say {}", tenant, day, actual, expected);
                daysCorrected++;
            }
        }
        return new Outcome(eventsApplied, daysCorrected, storageCorrected);
    }

    private static String correctionId(String tenant, LocalDate day, UsageCounters expected, UsageCounters actual) {
        return "correction-" + UUID.nameUUIDFromBytes((tenant + "/" + day + "/" + expected + "/" + actual)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The tenants after {@code last} first, then the rest: every tenant gets its turn however many there are. */
    static List<String> inTurn(List<String> sortedTenants, Optional<String> last) {
        Map<Boolean, List<String>> afterLast = sortedTenants.stream()
                .collect(Collectors.partitioningBy(t -> last.map(l -> t.compareTo(l) > 0).orElse(true)));
        List<String> ordered = new ArrayList<>(afterLast.get(true));
        ordered.addAll(afterLast.get(false));
        return ordered;
    }
}
