package com.contoso.media.app;

import com.contoso.media.auth.AuthSettings;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.config.Settings;
import com.contoso.media.events.BusEventPublisher;
import com.contoso.media.events.Outbox;
import com.contoso.media.events.OutboxRelay;
import com.contoso.media.health.HealthApi;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.intake.MediaProbe;
import com.contoso.media.jobs.ExpireAbandonedUploads;
import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.ReconcileReports;
import com.contoso.media.jobs.RedriveDeadLetters;
import com.contoso.media.jobs.SweepInbox;
import com.contoso.media.jobs.TranscodeWatchdog;
import com.contoso.media.messaging.DeadLetterQueue;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.playback.PlaybackApi;
import com.contoso.media.reports.ReportSettings;
import com.contoso.media.reports.ReportStore;
import com.contoso.media.reports.ReportsApi;
import com.contoso.media.reports.UsageAggregator;
import com.contoso.media.storage.MediaStore;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadService;
import com.contoso.media.uploads.UploadsApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The composition root shared by both hosts: the Functions app builds it over Azure adapters, the local runtime
 * over Azurite and in-process stand-ins. Long-lived parts (SDK clients, the JWT processor) are built once;
 * the per-invocation {@link TranscodeControl} (under Functions it wraps that invocation's Durable client) is
 * passed in when a service needs it, which costs only a few small objects.
 */
public final class Backend {

    /** The adapters a host plugs in: Azure SDK ones in the Function App, stand-ins in the local runtime. */
    public record Ports(UploadRepository uploads, Outbox outbox, MediaStore store, MediaProbe probe,
                        ReportStore reports, MessageSender eventTopic, MessageSender deadLetters,
                        DeadLetterQueue subscriptionDeadLetters, DeadLetterQueue deadLetterStore) {
    }

    private final UploadRepository uploads;
    private final Outbox outbox;
    private final MediaStore store;
    private final MediaProbe probe;
    private final ReportStore reports;
    private final MessageSender eventTopic;
    private final MessageSender deadLetters;
    private final DeadLetterQueue subscriptionDeadLetters;
    private final DeadLetterQueue deadLetterStore;
    private final UploadPolicy policy;
    private final JobSettings jobs;
    private final ReportSettings reporting;
    private final String usageSubscription;
    private final JwtAuthenticator authenticator;
    private final Clock clock;

    public Backend(Settings settings, Ports ports, Clock clock) {
        this.uploads = ports.uploads();
        this.outbox = ports.outbox();
        this.store = ports.store();
        this.probe = ports.probe();
        this.reports = ports.reports();
        this.eventTopic = ports.eventTopic();
        this.deadLetters = ports.deadLetters();
        this.subscriptionDeadLetters = ports.subscriptionDeadLetters();
        this.deadLetterStore = ports.deadLetterStore();
        this.policy = UploadPolicy.from(settings);
        this.jobs = JobSettings.from(settings);
        this.reporting = ReportSettings.from(settings);
        jobs.requireWithin(reporting.idempotencyTtl());
        this.usageSubscription = settings.get("USAGE_SUBSCRIPTION", "usage-report");
        this.authenticator = new JwtAuthenticator(AuthSettings.from(settings));
        this.clock = clock;
    }

    public UploadsApi uploadsApi(TranscodeControl transcodes) {
        return new UploadsApi(authenticator, new UploadService(uploads, store, transcodes, policy, clock),
                transcodes, store, playback(), policy, clock);
    }

    public PlaybackApi playback() {
        return new PlaybackApi(store, policy.layout(), policy.downloadUrlTtl(), clock);
    }

    public IntakeService intake(TranscodeControl transcodes) {
        return new IntakeService(uploads, store, probe, transcodes, policy, clock);
    }

    public ExpireAbandonedUploads expireAbandonedUploads() {
        return new ExpireAbandonedUploads(uploads, store, policy, jobs, clock);
    }

    public SweepInbox sweepInbox() {
        return new SweepInbox(uploads, store, policy, jobs, clock);
    }

    /** {@code transcodeDeadline}: the orchestration's own overall deadline, past which the watchdog steps in. */
    public TranscodeWatchdog transcodeWatchdog(TranscodeControl transcodes, Duration transcodeDeadline) {
        return new TranscodeWatchdog(uploads, store, transcodes, intake(transcodes), policy, jobs, transcodeDeadline,
                clock);
    }

    public OutboxRelay outboxRelay() {
        return new OutboxRelay(outbox, new BusEventPublisher(eventTopic));
    }

    public UsageAggregator usageAggregator() {
        return new UsageAggregator(reports, deadLetters, usageSubscription);
    }

    public ReportsApi reportsApi() {
        return new ReportsApi(authenticator, reports, reporting, clock);
    }

    public ReconcileReports reconcileReports() {
        return new ReconcileReports(uploads, reports, jobs, clock);
    }

    public RedriveDeadLetters redriveDeadLetters() {
        return new RedriveDeadLetters(subscriptionDeadLetters, deadLetterStore, eventTopic, deadLetters, jobs, clock);
    }

    public HealthApi health() {
        return new HealthApi(Map.of(
                "blobStorage", store::ping,
                "uploadRecords", () -> uploads.find("health-check", "health-check"),
                "usageReports", () -> reports.checkpoint("health-check")));
    }

    public JwtAuthenticator authenticator() {
        return authenticator;
    }

    public UploadPolicy policy() {
        return policy;
    }

    public UploadRepository uploadRepository() {
        return uploads;
    }

    public MediaStore mediaStore() {
        return store;
    }

    public MediaProbe mediaProbe() {
        return probe;
    }

    public Clock clock() {
        return clock;
    }
}
