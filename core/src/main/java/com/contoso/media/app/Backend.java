package com.contoso.media.app;

import com.contoso.media.auth.AuthSettings;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.blobs.BlobStaging;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.captions.CaptionLimits;
import com.contoso.media.captions.CaptionService;
import com.contoso.media.captions.CaptionsApi;
import com.contoso.media.clips.ClipService;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.events.BusEventPublisher;
import com.contoso.media.events.Outbox;
import com.contoso.media.events.OutboxRelay;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.TenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.health.HealthApi;
import com.contoso.media.imports.ImportSettings;
import com.contoso.media.imports.SourceClient;
import com.contoso.media.imports.SourceImporter;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.intake.MediaProbe;
import com.contoso.media.intake.SourceLimits;
import com.contoso.media.intake.SweepInbox;
import com.contoso.media.jobs.JobSettings;
import com.contoso.media.messaging.DeadLetterQueue;
import com.contoso.media.messaging.MessageScheduler;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.messaging.RedriveDeadLetters;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.playback.PlaybackApi;
import com.contoso.media.secrets.KeyWrapping;
import com.contoso.media.secrets.SecretSealer;
import com.contoso.media.storagereport.ReconcileReports;
import com.contoso.media.storagereport.StorageAggregator;
import com.contoso.media.storagereport.StorageReconciler;
import com.contoso.media.storagereport.StorageReportStore;
import com.contoso.media.storagereport.StorageReportsApi;
import com.contoso.media.tenants.TenantRegistryStore;
import com.contoso.media.tenants.Tenants;
import com.contoso.media.tenants.TenantsApi;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeWatchdog;
import com.contoso.media.uploads.ExpireAbandonedUploads;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadScans;
import com.contoso.media.uploads.UploadService;
import com.contoso.media.uploads.UploadsApi;
import com.contoso.media.usagereport.ReportSettings;
import com.contoso.media.usagereport.ReportStore;
import com.contoso.media.usagereport.ReportsApi;
import com.contoso.media.usagereport.UsageAggregator;
import com.contoso.media.webhooks.ManualSendLimiter;
import com.contoso.media.webhooks.WebhookDispatcher;
import com.contoso.media.webhooks.WebhookRegistry;
import com.contoso.media.webhooks.WebhookSender;
import com.contoso.media.webhooks.WebhookSettings;
import com.contoso.media.webhooks.WebhookStore;
import com.contoso.media.webhooks.WebhookTransport;
import com.contoso.media.webhooks.WebhookWatchdog;
import com.contoso.media.webhooks.WebhooksApi;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The composition root shared by both hosts: the Functions app builds it over Azure adapters, the local runtime
 * over Azurite and in-process stand-ins. Long-lived parts (SDK clients, the JWT processor) are built once;
 * the per-invocation {@link TranscodeControl} (under Functions it wraps that invocation's Durable client) is
 * passed in when a service needs it, which costs only a few small objects.
 */
public final class Backend {

    /**
     * The adapters a host plugs in: Azure SDK ones in the Function App, stand-ins in the local runtime. This record is
     * the one list of ports: {@link Builder#build()} fills its components by name and fails naming the first one no
     * host gave, and the architecture tests read the port types from it. Built by name ({@link #builder()}), because
     * several are of the same type and a swapped pair would compile.
     */
    public record Ports(UploadRepository uploads, UploadScans scans, Outbox outbox, MediaStore store,
                        BlobStaging staging, MediaProbe probe,
                        ReportStore reports, MessageSender eventTopic, MessageSender deadLetters,
                        DeadLetterQueue subscriptionDeadLetters, DeadLetterQueue deadLetterStore,
                        WebhookStore webhooks, MessageScheduler webhookAttempts, WebhookTransport webhookTransport,
                        StorageReportStore storageReports, TenantLedgerStore ledgers,
                        TenantRegistryStore tenantRegistry, KeyWrapping keyWrapping, SourceClient sourceClient,
                        MessageScheduler sourceImports) {

        public static Builder builder() {
            return new Builder();
        }

        /** The port types, as the architecture tests check them (each implemented outside the core). */
        public static List<Class<?>> types() {
            return Arrays.stream(Ports.class.getRecordComponents()).map(RecordComponent::getType).distinct()
                    .collect(Collectors.toList());
        }

        /** Each port by name; {@link #build()} fails naming the first one missing. */
        public static final class Builder {
            private final Map<String, Object> given = new HashMap<>();

            /** Upload records (per tenant, and the jobs' scans), and the outbox written atomically with them. */
            public <R extends UploadRepository & UploadScans & Outbox> Builder uploadRecords(R records) {
                return set("uploads", records).set("scans", records).set("outbox", records);
            }

            /** Blob storage: SAS, reads and copies, and the blocks the service writes itself (imports). */
            public <S extends MediaStore & BlobStaging> Builder mediaStore(S mediaStore) {
                return set("store", mediaStore).set("staging", mediaStore);
            }

            /** Imports from a URL: the HTTP client that fetches sources, and the queue of their slices. */
            public Builder sourceImports(SourceClient client, MessageScheduler queue) {
                return set("sourceClient", client).set("sourceImports", queue);
            }

            public Builder mediaProbe(MediaProbe mediaProbe) {
                return set("probe", mediaProbe);
            }

            public Builder reportStore(ReportStore reportStore) {
                return set("reports", reportStore);
            }

            /** Where events are published (the topic). */
            public Builder eventTopic(MessageSender topic) {
                return set("eventTopic", topic);
            }

            /** The project's own dead-letter queue: poison messages, with their reason. */
            public Builder deadLetterQueue(MessageSender sender, DeadLetterQueue receiver) {
                return set("deadLetters", sender).set("deadLetterStore", receiver);
            }

            /** The usage-report subscription's own dead-letter sub-queue, which re-drive reads. */
            public Builder subscriptionDeadLetters(DeadLetterQueue queue) {
                return set("subscriptionDeadLetters", queue);
            }

            /** Webhook endpoints and their delivery records. */
            public Builder webhookStore(WebhookStore store) {
                return set("webhooks", store);
            }

            /** The queue of webhook attempts, whose retries are scheduled messages. */
            public Builder webhookAttempts(MessageScheduler attempts) {
                return set("webhookAttempts", attempts);
            }

            /** The HTTP client that makes webhook attempts. */
            public Builder webhookTransport(WebhookTransport transport) {
                return set("webhookTransport", transport);
            }

            /** The storage report's per-upload states and day deltas. */
            public Builder storageReportStore(StorageReportStore store) {
                return set("storageReports", store);
            }

            /** Each tenant's encoding slots, queue and daily minutes. */
            public Builder tenantLedgers(TenantLedgerStore store) {
                return set("ledgers", store);
            }

            /** The key that wraps the data keys of sealed secrets: Key Vault in Azure, a key file locally. */
            public Builder keyWrapping(KeyWrapping keys) {
                return set("keyWrapping", keys);
            }

            /** The onboarded tenants, by directory and by tenant id. */
            public Builder tenantRegistry(TenantRegistryStore store) {
                return set("tenantRegistry", store);
            }

            private Builder set(String port, Object adapter) {
                given.put(port, Objects.requireNonNull(adapter, port));
                return this;
            }

            public Ports build() {
                RecordComponent[] ports = Ports.class.getRecordComponents();
                Object[] adapters = new Object[ports.length];
                for (int i = 0; i < ports.length; i++) {
                    adapters[i] = given.get(ports[i].getName());
                    if (adapters[i] == null) {
                        throw new IllegalStateException("No adapter was given for the port " + ports[i].getName());
                    }
                }
                try {
                    return Ports.class.getDeclaredConstructor(Arrays.stream(ports).map(RecordComponent::getType)
                            .toArray(Class<?>[]::new)).newInstance(adapters);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Ports could not be built", e);
                }
            }
        }
    }

    private final UploadRepository uploads;
    private final UploadScans scans;
    private final Outbox outbox;
    private final MediaStore store;
    private final BlobStaging staging;
    private final SourceClient sourceClient;
    private final MessageScheduler sourceImports;
    private final ImportSettings imports;
    private final CaptionLimits captionLimits;
    private final SourceLimits sourceLimits;
    private final MediaProbe probe;
    private final ReportStore reports;
    private final MessageSender eventTopic;
    private final MessageSender deadLetters;
    private final DeadLetterQueue subscriptionDeadLetters;
    private final DeadLetterQueue deadLetterStore;
    private final WebhookStore webhooks;
    private final MessageScheduler webhookAttempts;
    private final WebhookTransport webhookTransport;
    private final WebhookSettings webhookSettings;
    /** Shared by every request of this process: the per-tenant window must outlive one invocation. */
    private final ManualSendLimiter manualSends;
    /** One per process: it caches opened secrets. */
    private final SecretSealer sealer;
    private final StorageReportStore storageReports;
    private final TenantLedgerStore ledgers;
    private final FairUseLimits fairUse;
    private final String storageSubscription;
    private final UploadPolicy policy;
    private final Duration playbackUrlCap;
    private final JobSettings jobs;
    private final ReportSettings reporting;
    private final String usageSubscription;
    private final TenantRegistryStore tenantRegistry;
    private final Tenants tenants;
    private final JwtAuthenticator authenticator;
    private final Clock clock;
    private final Telemetry telemetry;

    public Backend(Settings settings, Ports ports, Clock clock, Telemetry telemetry) {
        this.uploads = ports.uploads();
        this.scans = ports.scans();
        this.outbox = ports.outbox();
        this.store = ports.store();
        this.staging = ports.staging();
        this.sourceClient = ports.sourceClient();
        this.sourceImports = ports.sourceImports();
        this.imports = ImportSettings.from(settings);
        this.captionLimits = CaptionLimits.from(settings);
        this.probe = ports.probe();
        this.reports = ports.reports();
        this.eventTopic = ports.eventTopic();
        this.deadLetters = ports.deadLetters();
        this.subscriptionDeadLetters = ports.subscriptionDeadLetters();
        this.deadLetterStore = ports.deadLetterStore();
        this.webhooks = ports.webhooks();
        this.webhookAttempts = ports.webhookAttempts();
        this.webhookTransport = ports.webhookTransport();
        this.webhookSettings = WebhookSettings.from(settings);
        this.manualSends = new ManualSendLimiter(webhookSettings.manualSendsPerMinute(), clock);
        this.sealer = new SecretSealer(ports.keyWrapping());
        this.storageReports = ports.storageReports();
        this.ledgers = ports.ledgers();
        this.fairUse = FairUseLimits.from(settings);
        this.storageSubscription = settings.get(AppSetting.STORAGE_SUBSCRIPTION);
        this.policy = UploadPolicy.from(settings);
        this.playbackUrlCap = settings.getMinutes(AppSetting.PLAYBACK_URL_MAX_MINUTES);
        this.sourceLimits = SourceLimits.from(settings);
        this.jobs = JobSettings.from(settings);
        this.reporting = ReportSettings.from(settings);
        jobs.requireWithin(reporting.idempotencyTtl());
        this.usageSubscription = settings.get(AppSetting.USAGE_SUBSCRIPTION);
        this.tenantRegistry = ports.tenantRegistry();
        AuthSettings auth = AuthSettings.from(settings);
        this.tenants = new Tenants(tenantRegistry, auth.tenantCacheFor(), auth.operatorDirectory(),
                auth.onboardOnFirstSignIn(), clock);
        this.authenticator = new JwtAuthenticator(auth, tenants);
        this.clock = clock;
        this.telemetry = telemetry;
    }

    public UploadsApi uploadsApi(TranscodeControl transcodes) {
        return new UploadsApi(authenticator, new UploadService(uploads, store, transcodes, transcodeSlots(),
                sourceImporter(), policy, clock), new ClipService(uploads, transcodes, policy.layout(), clock),
                captionService(), store, playback(), policy, clock, telemetry.tracing());
    }

    /** Caption tracks of transcoded videos: {@code /api/uploads/{id}/captions}. */
    public CaptionsApi captionsApi() {
        return new CaptionsApi(authenticator, captionService(), store, policy.downloadUrlTtl(), clock);
    }

    private CaptionService captionService() {
        return new CaptionService(uploads, store, policy.layout(), captionLimits, clock);
    }

    /** Fetches imports' sources, a slice per message of the import queue. */
    public SourceImporter sourceImporter() {
        return new SourceImporter(uploads, store, staging, sourceClient, sourceImports, imports,
                imports.urlGuard(OutboundUrlGuard.SYSTEM_DNS), policy.maxBytes(), clock);
    }

    public ImportSettings importSettings() {
        return imports;
    }

    public PlaybackApi playback() {
        return new PlaybackApi(store, policy.layout(), policy.downloadUrlTtl(), playbackUrlCap, clock);
    }

    public IntakeService intake(TranscodeControl transcodes) {
        return new IntakeService(uploads, store, probe, transcodes, transcodeSlots(), policy, sourceLimits, clock,
                telemetry);
    }

    public ExpireAbandonedUploads expireAbandonedUploads() {
        return new ExpireAbandonedUploads(uploads, scans, store, policy, jobs, clock);
    }

    public SweepInbox sweepInbox() {
        return new SweepInbox(uploads, store, policy, jobs, clock);
    }

    /** {@code transcodeDeadline}: the orchestration's own overall deadline, past which the watchdog steps in. */
    public TranscodeWatchdog transcodeWatchdog(TranscodeControl transcodes, Duration transcodeDeadline) {
        return new TranscodeWatchdog(uploads, scans, store, transcodes, transcodeSlots(), intake(transcodes), policy, jobs,
                transcodeDeadline, clock);
    }

    public OutboxRelay outboxRelay() {
        return new OutboxRelay(outbox, new BusEventPublisher(eventTopic), deadLetters, telemetry.metrics(), clock);
    }

    public UsageAggregator usageAggregator() {
        return new UsageAggregator(reports, deadLetters, usageSubscription, telemetry, clock);
    }

    public ReportsApi reportsApi() {
        return new ReportsApi(authenticator, reports, transcodeSlots(), reporting, clock);
    }

    public StorageAggregator storageAggregator() {
        return new StorageAggregator(storageReports, deadLetters, storageSubscription, telemetry, clock);
    }

    public StorageReportsApi storageReportsApi() {
        return new StorageReportsApi(authenticator, storageReports, reporting, clock);
    }

    public ReconcileReports reconcileReports() {
        return new ReconcileReports(scans, reports, new StorageReconciler(storageReports, store, policy.layout()), jobs,
                clock);
    }

    public RedriveDeadLetters redriveDeadLetters() {
        return new RedriveDeadLetters(subscriptionDeadLetters, deadLetterStore, eventTopic, deadLetters, jobs, clock);
    }

    public WebhooksApi webhooksApi() {
        return new WebhooksApi(authenticator, new WebhookRegistry(webhooks, webhookDispatcher(), webhookUrlGuard(),
                webhookSettings, manualSends, sealer, clock));
    }

    public WebhookDispatcher webhookDispatcher() {
        return new WebhookDispatcher(webhooks, webhookAttempts, deadLetters, webhookSettings, clock, telemetry);
    }

    public WebhookSender webhookSender() {
        return new WebhookSender(webhooks, webhookTransport, webhookDispatcher(), webhookSettings, sealer, clock,
                telemetry);
    }

    public WebhookWatchdog webhookWatchdog() {
        return new WebhookWatchdog(webhooks, webhookDispatcher(), jobs, clock);
    }

    private OutboundUrlGuard webhookUrlGuard() {
        return webhookSettings.urlGuard(OutboundUrlGuard.SYSTEM_DNS);
    }

    /** Fair use per tenant: the transcode's slot claims and releases, intake's admissions. */
    public TranscodeSlots transcodeSlots() {
        return new TranscodeSlots(ledgers, uploads, fairUse, clock);
    }

    public HealthApi health() {
        return new HealthApi(Map.of(
                "blobStorage", store::ping,
                "ffmpeg", probe::checkReady,
                "uploadRecords", () -> uploads.find("health-check", "health-check"),
                "usageReports", () -> reports.checkpoint("health-check"),
                "storageReports", () -> storageReports.find("health-check", "health-check"),
                "webhooks", () -> webhooks.findEndpoint("health-check", "health-check"),
                "tenantLedgers", () -> ledgers.find("health-check"),
                "tenantRegistry", () -> tenantRegistry.findById("health-check")));
    }

    public TenantsApi tenantsApi() {
        return new TenantsApi(authenticator, tenants);
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

    public Telemetry telemetry() {
        return telemetry;
    }

    public Clock clock() {
        return clock;
    }
}
