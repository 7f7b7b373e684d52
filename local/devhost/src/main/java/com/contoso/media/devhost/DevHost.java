package com.contoso.media.devhost;

import com.azure.storage.blob.BlobServiceClient;
import com.contoso.media.app.AzureBackend;
import com.contoso.media.app.AzureClients;
import com.contoso.media.app.Backend;
import com.contoso.media.auth.DevTokenEndpoint;
import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.LocalOnlySettings;
import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.http.Cors;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.telemetry.TelemetryExport;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.transcoding.ClipCutter;
import com.contoso.media.transcoding.RenditionPackager;
import com.contoso.media.transcoding.EncodeChunksOrchestration;
import com.contoso.media.transcoding.TranscodeActivities;
import com.contoso.media.transcoding.TranscodeActivityCatalog;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.contoso.media.uploads.UploadPolicy;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The local runtime: the Function App's services on one machine with no cloud account. Storage is Azurite;
 * upload records (with their outbox) are in Azurite's Table storage;
 * orchestrations run through the SDK's replay in {@link LocalOrchestrations} and resume after a restart; blob
 * events come from {@link BlobEventPump}; events travel through {@link LocalEventBus} to the usage aggregator,
 * whose reports are in Azurite's Table storage, and to the webhook dispatcher, whose endpoints and deliveries are
 * there too. Tokens are signed by a dev key kept in the data folder.
 *
 * <p>{@code java -jar local/devhost/target/devhost.jar} starts it; {@code ... token <tenant> [minutes] [user|reader|admin|app]}
 * mints a token of that kind ({@link DevTokenIssuer.Kind});
 * {@code ... jwks} prints the dev key's public JWK set.
 */
public final class DevHost implements AutoCloseable {

    private final LocalHttpServer http;
    private final BlobEventPump pump;
    private final LocalEventBus bus;
    private final LocalJobScheduler jobs;
    private final DevTokenIssuer tokens;
    private final LocalOrchestrations transcodes;
    private final String baseUrl;

    private DevHost(LocalHttpServer http, BlobEventPump pump, LocalEventBus bus, LocalJobScheduler jobs,
                    DevTokenIssuer tokens, LocalOrchestrations transcodes, String baseUrl) {
        this.http = http;
        this.pump = pump;
        this.bus = bus;
        this.jobs = jobs;
        this.tokens = tokens;
        this.transcodes = transcodes;
        this.baseUrl = baseUrl;
    }

    /** Exports spans and metrics where the settings say (docs/operations.md), or nowhere. */
    public static DevHost start(Settings environment) {
        return start(environment, TelemetryExport.from(environment));
    }

    /** With the caller's OpenTelemetry: the tracing suite passes an SDK with an in-memory exporter. */
    public static DevHost start(Settings environment, OpenTelemetry openTelemetry) {
        DevTokenIssuer tokens = devKey(environment);
        Path dataDir = Path.of(environment.get(AppSetting.DEVHOST_DATA_DIR));
        Settings settings = withLocalDefaults(environment, tokens);
        // The local runtime trusts its own dev key: on an Azure instance that would let anyone in.
        LocalOnlySettings.requireNoneInAzure(settings);
        Clock clock = Clock.systemUTC();
        BlobServiceClient blobs = AzureClients.blobService(settings);
        // Records with their outbox, reports and in-flight events live in Azurite: a killed runtime loses none.
        LocalEventBus bus = new LocalEventBus(settings, clock);
        TranscodeSettings transcoding = TranscodeSettings.from(settings);
        Ffmpeg ffmpeg = Ffmpeg.fromSettings(settings, transcoding.stepTimeout());
        Backend.Ports.Builder ports = AzureBackend.storagePorts(settings, blobs, ffmpeg, clock);
        AzureBackend.tablePorts(ports, settings, clock);
        AzureBackend.queuePorts(ports, bus.queues());
        AzureBackend.webhookPorts(ports, settings);
        AzureBackend.importPorts(ports, settings, bus.importQueue());
        Backend backend = new Backend(settings, ports.build(), clock, Telemetry.of(openTelemetry));
        UploadPolicy policy = backend.policy();
        blobs.getBlobContainerClient(policy.uploadsContainer()).createIfNotExists();
        blobs.getBlobContainerClient(policy.mediaContainer()).createIfNotExists();
        AzuriteCors.allowBrowsers(blobs);

        TranscodeActivities activities = new TranscodeActivities(backend.mediaStore(), backend.mediaProbe(),
                backend.uploadRepository(), backend.transcodeSlots(), ffmpeg, policy.layout(), clock,
                backend.telemetry());
        // The driver runs the activity that frees a slot, and wakes the orchestration the slot goes to.
        AtomicReference<LocalOrchestrations> driver = new AtomicReference<>();
        LocalOrchestrations transcodes = new LocalOrchestrations(TranscodeVideoOrchestration.NAME,
                Map.of(TranscodeVideoOrchestration.NAME, new TranscodeVideoOrchestration(transcoding),
                        EncodeChunksOrchestration.NAME, new EncodeChunksOrchestration(transcoding)),
                TranscodeActivityCatalog.of(activities, new ClipCutter(backend.mediaStore(),
                        backend.uploadRepository(), ffmpeg, policy.layout(), transcoding),
                        new RenditionPackager(backend.mediaStore(), ffmpeg, policy.layout()),
                        uploadId -> driver.get().wake(uploadId)),
                TranscodeActivityCatalog.ENCODES,
                settings.find(AppSetting.DEVHOST_ACTIVITY_WORKERS).map(Integer::parseInt)
                        .orElse(Runtime.getRuntime().availableProcessors()), clock,
                dataDir.resolve("orchestrations"));
        driver.set(transcodes);
        transcodes.resume();
        BlobEventPump pump = new BlobEventPump(blobs.getBlobContainerClient(policy.uploadsContainer()),
                backend.intake(transcodes));
        LocalJobScheduler jobs = new LocalJobScheduler(clock,
                job(settings, "ExpireAbandonedUploads", AppSetting.EXPIRE_UPLOADS_SCHEDULE,
                        backend.expireAbandonedUploads()::run),
                job(settings, "SweepInbox", AppSetting.SWEEP_INBOX_SCHEDULE, backend.sweepInbox()::run),
                job(settings, "TranscodeWatchdog", AppSetting.TRANSCODE_WATCHDOG_SCHEDULE,
                        backend.transcodeWatchdog(transcodes, transcoding.deadline())::run),
                job(settings, "ReconcileReports", AppSetting.RECONCILE_REPORTS_SCHEDULE,
                        backend.reconcileReports()::run),
                job(settings, "WebhookWatchdog", AppSetting.WEBHOOK_WATCHDOG_SCHEDULE, backend.webhookWatchdog()::run),
                job(settings, "RedriveDeadLetters", AppSetting.REDRIVE_DEAD_LETTERS_SCHEDULE,
                        backend.redriveDeadLetters()::run));
        try {
            LocalHttpServer http = new LocalHttpServer(backend, backend.uploadsApi(transcodes), backend.webhooksApi(), jobs,
                    new DevTokenEndpoint(tokens, clock), Cors.from(settings),
                    new WebApp(Path.of(settings.get(AppSetting.DEVHOST_WEB_DIR))),
                    settings.get(AppSetting.DEVHOST_BIND), (int) settings.getLong(AppSetting.DEVHOST_PORT));
            http.start();
            pump.start();
            bus.start(backend);
            // Reports, records and events in flight are all in Azurite, so a killed run loses nothing; reconciling
            // the recent days at start stays a safety net (the kill test turns it off to show it is not needed).
            if (Boolean.parseBoolean(settings.get(AppSetting.DEVHOST_RECONCILE_ON_START))) {
                jobs.runNow("ReconcileReports");
            }
            jobs.start();
            return new DevHost(http, pump, bus, jobs, tokens, transcodes, "http://127.0.0.1:" + http.port());
        } catch (IOException e) {
            pump.close();
            bus.close();
            jobs.close();
            throw new UncheckedIOException("could not open the HTTP port", e);
        }
    }

    /** A job on the schedule its app setting names, with the same default as Bicep and local.settings.json. */
    private static LocalJobScheduler.Job job(Settings settings, String name, AppSetting schedule,
                                             Supplier<JobSummary> run) {
        return new LocalJobScheduler.Job(name, settings.get(schedule), run);
    }

    /** The settings a developer would otherwise have to write by hand; any environment variable wins. */
    private static Settings withLocalDefaults(Settings environment, DevTokenIssuer tokens) {
        return environment
                .withDefault(AppSetting.STORAGE_CONNECTION_STRING, AzureClients.AZURITE_LOCALHOST)
                .withDefault(AppSetting.AUTH_ISSUER, DevTokenIssuer.ISSUER)
                .withDefault(AppSetting.AUTH_AUDIENCE, DevTokenIssuer.AUDIENCE)
                .withDefault(AppSetting.AUTH_PUBLIC_JWKS, tokens.publicJwks())
                // The dev sign-in lets any tenant name in; in Azure tenants are onboarded through the admin API.
                .withDefault(AppSetting.AUTH_DEV_AUTO_ONBOARD, "true")
                // Webhook secrets are sealed with a key file beside the dev signing key (Key Vault in Azure).
                .withDefault(AppSetting.WEBHOOK_SECRETS_KEY_FILE,
                        Path.of(environment.get(AppSetting.DEVHOST_DATA_DIR), "webhook-secrets.key").toString())
                // A developer points webhooks at a receiver on the same machine; Bicep sets false in Azure.
                .withDefault(AppSetting.WEBHOOK_ALLOW_LOOPBACK, "true")
                // One machine: one decode feeding every rung beats a process per rung (see bench/run.sh).
                .withDefault(AppSetting.TRANSCODE_ENCODE_MODE, TranscodeSettings.ONE_DECODE);
    }

    private static DevTokenIssuer devKey(Settings environment) {
        Path dataDir = Path.of(environment.get(AppSetting.DEVHOST_DATA_DIR));
        return DevTokenIssuer.loadOrCreate(dataDir.resolve("dev-signing-key.json"));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public DevTokenIssuer tokens() {
        return tokens;
    }

    public LocalOrchestrations transcodes() {
        return transcodes;
    }

    @Override
    public void close() {
        jobs.close();
        pump.close();
        bus.close();
        http.close();
        transcodes.close();
    }

    public static void main(String[] args) {
        Settings environment = Settings.fromEnvironment();
        if (args.length > 0 && args[0].equals("token")) {
            String tenant = args.length > 1 ? args[1] : "tenant-a";
            Duration lifetime = Duration.ofMinutes(args.length > 2 ? Long.parseLong(args[2]) : 60);
            DevTokenIssuer.Kind kind = args.length > 3
                    ? DevTokenIssuer.Kind.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : DevTokenIssuer.Kind.USER;
            System.out.println(devKey(environment).mint(tenant, lifetime, kind));
            return;
        }
        if (args.length > 0 && args[0].equals("jwks")) {
            // For `func start`: paste into AUTH_PUBLIC_JWKS so the Functions host accepts dev tokens.
            System.out.println(devKey(environment).publicJwks());
            return;
        }
        DevHost host = start(environment);
        Runtime.getRuntime().addShutdownHook(new Thread(host::close));
        System.out.println("Web app:  " + host.baseUrl() + "/");
        System.out.println("API:      " + host.baseUrl() + "/api  (OpenAPI: " + host.baseUrl() + "/api/openapi.json)");
        System.out.println("Dev token (tenant-a, 12 h):");
        System.out.println(host.tokens().mint("tenant-a", Duration.ofHours(12)));
    }
}
