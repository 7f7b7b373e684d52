package com.contoso.media.config;

/**
 * The catalogue of app settings the code reads: name, default and meaning, in one place. Code reads settings only
 * through these entries ({@link Settings}); {@code docs/configuration.md} lists each one, and the infrastructure
 * tests check the catalogue against Bicep's app settings and {@code local.settings.json}. A {@code null} default
 * means "no default": the setting is optional (see its meaning) or required where it is read.
 */
public enum AppSetting {

    // Connections
    STORAGE_CONNECTION_STRING("AzureWebJobsStorage", null, "storage connection string, Azurite only"),
    STORAGE_BLOB_SERVICE_URI("AzureWebJobsStorage__blobServiceUri", null,
            "identity-based storage: the account's blob endpoint (Bicep also sets the queue and table ones)"),
    STORAGE_QUEUE_SERVICE_URI("AzureWebJobsStorage__queueServiceUri", null,
            "the storage account's queue endpoint, used with the managed identity (Bicep sets it)"),
    STORAGE_TABLE_SERVICE_URI("AzureWebJobsStorage__tableServiceUri", null,
            "identity-based storage: the account's table endpoint"),
    MANAGED_IDENTITY_CLIENT_ID("AZURE_CLIENT_ID", null, "client id of the user-assigned managed identity"),
    COSMOS_ENDPOINT("CosmosDb__accountEndpoint", null, "Cosmos DB endpoint (identity-based)"),
    COSMOS_DATABASE("COSMOS_DATABASE", "media", "Cosmos DB database"),
    COSMOS_UPLOADS_CONTAINER("COSMOS_UPLOADS_CONTAINER", "uploads", "upload records and their outbox"),
    UPLOADS_TABLE("UPLOADS_TABLE", "uploads",
            "with Azurite (the local runtime): the Table of upload records and their outbox"),
    REPORTS_TABLE("REPORTS_TABLE", "reports",
            "with Azurite (the local runtime): the Table of usage days and their idempotency rows"),
    COSMOS_STORAGE_CONTAINER("COSMOS_STORAGE_CONTAINER", "storage",
            "the storage report: per-upload state and per-day deltas"),
    STORAGE_TABLE("STORAGE_TABLE", "storage",
            "with Azurite (the local runtime): the Table of the storage report's upload states and day deltas"),
    COSMOS_WEBHOOKS_CONTAINER("COSMOS_WEBHOOKS_CONTAINER", "webhooks", "webhook endpoints and delivery records"),
    WEBHOOKS_TABLE("WEBHOOKS_TABLE", "webhooks",
            "with Azurite (the local runtime): the Table of webhook endpoints and delivery records"),
    COSMOS_REPORTS_CONTAINER("COSMOS_REPORTS_CONTAINER", "reports", "usage documents and idempotency records"),
    COSMOS_LEDGERS_CONTAINER("COSMOS_LEDGERS_CONTAINER", "ledgers",
            "each tenant's encoding slots, queue and daily minutes (fair use)"),
    COSMOS_TENANTS_CONTAINER("COSMOS_TENANTS_CONTAINER", "tenants", "the tenant registry: an entry per directory and per tenant id"),
    TENANTS_TABLE("TENANTS_TABLE", "tenants", "with Azurite (the local runtime): the Table of the tenant registry"),
    LEDGERS_TABLE("LEDGERS_TABLE", "ledgers",
            "with Azurite (the local runtime): the Table of each tenant's encoding slots, queue and daily minutes"),
    SERVICE_BUS_NAMESPACE("ServiceBusConnection__fullyQualifiedNamespace", null, "Service Bus namespace (identity-based)"),
    SERVICE_BUS_TOPIC("SERVICEBUS_TOPIC", "media-events", "the event topic"),
    USAGE_SUBSCRIPTION("USAGE_SUBSCRIPTION", "usage-report", "the usage aggregator's subscription"),
    DEAD_LETTER_QUEUE("DEADLETTER_QUEUE", "media-events-deadletter", "the project's dead-letter queue"),
    STORAGE_SUBSCRIPTION("STORAGE_SUBSCRIPTION", "storage-report", "the storage report aggregator's subscription"),
    WEBHOOKS_SUBSCRIPTION("WEBHOOKS_SUBSCRIPTION", "webhooks", "the webhook dispatcher's subscription"),
    WEBHOOK_DELIVERIES_QUEUE("WEBHOOK_DELIVERIES_QUEUE", "webhook-deliveries",
            "the queue of webhook attempts (retries are scheduled messages on it)"),
    DUPLICATE_DETECTION_MINUTES("DUPLICATE_DETECTION_MINUTES", "60", "the topic's duplicate-detection window"),

    // Auth and the browser
    AUTH_ISSUER("AUTH_ISSUER", null,
            "required token issuer; {tid} in it stands for each token's directory (a multi-tenant Entra app)"),
    AUTH_AUDIENCE("AUTH_AUDIENCE", null, "required token audience"),
    AUTH_JWKS_URL("AUTH_JWKS_URL", null, "the identity provider's JWKS"),
    AUTH_PUBLIC_JWKS("AUTH_PUBLIC_JWKS", null, "an inline public JWK set instead of a URL (local use)"),
    AUTH_TENANT_CLAIM("AUTH_TENANT_CLAIM", "tid",
            "claim naming the caller's directory, which the tenant registry maps to a tenant"),
    AUTH_TENANT_CACHE_SECONDS("AUTH_TENANT_CACHE_SECONDS", "30",
            "how long an instance trusts its copy of the tenant registry (a suspension takes up to this long)"),
    AUTH_OPERATOR_DIRECTORY("AUTH_OPERATOR_DIRECTORY", null,
            "the operator's own directory id: onboarded as tenant 'operator' at its first sign-in, to onboard the rest"),
    AUTH_DEV_AUTO_ONBOARD("AUTH_DEV_AUTO_ONBOARD", "false",
            "local runtime only: onboard an unknown directory at its first dev sign-in (refused in Azure)"),
    CORS_ALLOWED_ORIGINS("CORS_ALLOWED_ORIGINS", "http://localhost:*,http://127.0.0.1:*",
            "browser origins the local runtime answers CORS for"),

    // Uploads
    UPLOADS_CONTAINER("UPLOADS_CONTAINER", "uploads", "the inbox container"),
    MEDIA_CONTAINER("MEDIA_CONTAINER", "media", "the library container"),
    UPLOAD_ALLOWED_CONTENT_TYPES("UPLOAD_ALLOWED_CONTENT_TYPES",
            "video/mp4,video/quicktime,video/webm,image/jpeg,image/png,application/pdf", "accepted types"),
    UPLOAD_MAX_BYTES("UPLOAD_MAX_BYTES", "2147483648", "largest declared size"),
    UPLOAD_URL_TTL_MINUTES("UPLOAD_URL_TTL_MINUTES", "15", "life of the upload SAS"),
    DOWNLOAD_URL_TTL_MINUTES("DOWNLOAD_URL_TTL_MINUTES", "10",
            "life of output read SAS URLs (decimals allowed); a playlist's segment URLs get the rendition's length more"),
    PLAYBACK_URL_MAX_MINUTES("PLAYBACK_URL_MAX_MINUTES", "360",
            "cap on the life of URLs inside playlists: segments (length + DOWNLOAD_URL_TTL_MINUTES) and variants"),
    STATUS_RETRY_AFTER_SECONDS("STATUS_RETRY_AFTER_SECONDS", "2", "Retry-After on 202"),
    INTAKE_CLAIM_LEASE_SECONDS("INTAKE_CLAIM_LEASE_SECONDS", "600",
            "how long an intake's claim on an upload holds; past it a redelivery or the watchdog takes it over"),
    IMPORT_QUEUE("IMPORT_QUEUE", "source-imports",
            "the Storage queue of imports from a URL: one message per slice of a fetch"),
    IMPORT_TIME_LIMIT_MINUTES("IMPORT_TIME_LIMIT_MINUTES", "60",
            "an import from a URL that has not fetched its whole file by then is rejected (source_stalled)"),
    IMPORT_MIN_BYTES_PER_SECOND("IMPORT_MIN_BYTES_PER_SECOND", "32768",
            "the slowest a source may send, averaged over IMPORT_STALL_SECONDS, before the import is rejected"),
    IMPORT_STALL_SECONDS("IMPORT_STALL_SECONDS", "30",
            "the window the minimum throughput is measured over; a source silent this long is stalled"),
    IMPORT_SLICE_SECONDS("IMPORT_SLICE_SECONDS", "20",
            "how long one queue message fetches before it hands on to the next (sources that take ranges only)"),
    IMPORT_BLOCK_BYTES("IMPORT_BLOCK_BYTES", "4194304",
            "the block size an import stages in the inbox blob; a crash loses at most one block of progress"),
    IMPORT_RETRIES("IMPORT_RETRIES", "4",
            "tries of an unreachable source, or one answering 429 or 5xx, before the import is rejected"),
    IMPORT_RETRY_FIRST_SECONDS("IMPORT_RETRY_FIRST_SECONDS", "5",
            "the first wait before an import tries its source again; each later wait doubles"),
    IMPORT_ALLOWED_PORTS("IMPORT_ALLOWED_PORTS", "443", "ports an import's source URL may use, comma-separated"),
    IMPORT_ALLOW_LOOPBACK("IMPORT_ALLOW_LOOPBACK", "false",
            "lets imports fetch from 127.0.0.1 and localhost: for tests only, off in the local runtime too"),
    IMPORT_TRUSTED_CERT_FILE("IMPORT_TRUSTED_CERT_FILE", null,
            "a PEM certificate that imports trust besides the JDK's CAs: a test source's self-signed one"),

    // Reports
    REPORT_MAX_RANGE_DAYS("REPORT_MAX_RANGE_DAYS", "366", "longest range one report request may ask for"),
    REPORT_IDEMPOTENCY_TTL_DAYS("REPORT_IDEMPOTENCY_TTL_DAYS", "30", "life of an applied event's idempotency record"),

    // Webhooks
    WEBHOOK_RETRY_SCHEDULE("WEBHOOK_RETRY_SCHEDULE", "5s,1m,5m,30m,2h,6h,12h",
            "delays before each retry of a failed webhook delivery (each spread by up to 20 %)"),
    WEBHOOK_DISABLE_AFTER("WEBHOOK_DISABLE_AFTER", "5d", "an endpoint failing for this long is disabled (s, m, h, d)"),
    WEBHOOK_TIMEOUT_SECONDS("WEBHOOK_TIMEOUT_SECONDS", "10", "how long one webhook attempt may take"),
    WEBHOOK_DELIVERY_TTL_DAYS("WEBHOOK_DELIVERY_TTL_DAYS", "30", "how long delivery records are kept"),
    WEBHOOK_MAX_ENDPOINTS("WEBHOOK_MAX_ENDPOINTS", "20", "webhook endpoints one tenant may have"),
    WEBHOOK_SECRETS_KEY_ID("WEBHOOK_SECRETS_KEY_ID", null,
            "in Azure: the Key Vault key (URL without version) that wraps the keys of sealed webhook secrets"),
    WEBHOOK_SECRETS_KEY_FILE("WEBHOOK_SECRETS_KEY_FILE", ".devhost/webhook-secrets.key",
            "without a Key Vault key (Azurite only): the local key file that does it; refused in Azure"),
    WEBHOOK_MANUAL_SENDS_PER_MINUTE("WEBHOOK_MANUAL_SENDS_PER_MINUTE", "10",
            "test sends and redeliveries one tenant may ask for per minute (per instance); then 429"),
    WEBHOOK_ALLOWED_PORTS("WEBHOOK_ALLOWED_PORTS", "443",
            "ports webhook URLs may use (comma-separated); loopback receivers of the local runtime may use any"),
    WEBHOOK_ALLOW_LOOPBACK("WEBHOOK_ALLOW_LOOPBACK", "false",
            "allow http://127.0.0.1 and http://localhost webhook URLs: the local runtime's default, false in Azure"),

    // Transcoding
    FFMPEG_PATH("FFMPEG_PATH", null, "an ffmpeg to use instead of the static one shipped with the app"),
    FFMPEG_THREADS("FFMPEG_THREADS", "0",
            "threads each ffmpeg run may use; 0 = the instance's cores divided by FFMPEG_CONCURRENT_RUNS"),
    FFMPEG_CONCURRENT_RUNS("FFMPEG_CONCURRENT_RUNS", "2",
            "ffmpeg runs one instance makes at once (host.json maxConcurrentActivityFunctions); sizes FFMPEG_THREADS"),
    PROBE_TIMEOUT_SECONDS("PROBE_TIMEOUT_SECONDS", "60", "how long one probe (or plausibility check) may read a source"),

    // Source limits, checked at intake (each has its own rejection code)
    MAX_VIDEO_SECONDS("MAX_VIDEO_SECONDS", "14400", "longest video accepted, in seconds (4 hours)"),
    MAX_VIDEO_WIDTH("MAX_VIDEO_WIDTH", "4096", "widest displayed frame accepted, in pixels"),
    MAX_VIDEO_HEIGHT("MAX_VIDEO_HEIGHT", "4096", "tallest displayed frame accepted, in pixels"),
    MAX_VIDEO_PIXELS("MAX_VIDEO_PIXELS", "9437184", "largest frame area accepted, in pixels (4096x2304)"),
    MAX_VIDEO_FRAME_RATE("MAX_VIDEO_FRAME_RATE", "120", "highest frame rate accepted"),
    MAX_TRANSCODE_CHUNKS("MAX_TRANSCODE_CHUNKS", "1800",
            "most chunk encodes one upload may plan (4 hours at the shortest chunk a client may choose, 8 s)"),
    TRANSCODE_LADDER("TRANSCODE_LADDER", "1080:5000,720:2800,480:1400,360:800", "ladder rungs, height:videoKbps"),
    TRANSCODE_SEGMENT_SECONDS("TRANSCODE_SEGMENT_SECONDS", "4", "HLS target segment length"),
    TRANSCODE_MP4("TRANSCODE_MP4", "false",
            "make a progressive MP4 download of every video unless its upload says transcode.mp4"),
    TRANSCODE_AUDIO_ONLY("TRANSCODE_AUDIO_ONLY", "false",
            "make an audio-only M4A download of every video unless its upload says transcode.audioOnly"),
    CAPTIONS_MAX_BYTES("CAPTIONS_MAX_BYTES", "1048576", "the largest caption file (WebVTT or SRT) a track may be"),
    CAPTIONS_MAX_TRACKS("CAPTIONS_MAX_TRACKS", "20", "the most caption tracks one video may have"),
    TRANSCODE_ENCODE_MODE("TRANSCODE_ENCODE_MODE", "per-rung", "per-rung or one-decode"),
    TRANSCODE_STEP_TIMEOUT_MINUTES("TRANSCODE_STEP_TIMEOUT_MINUTES", "20", "durable timer bounding each step"),
    TRANSCODE_DEADLINE_MINUTES("TRANSCODE_DEADLINE_MINUTES", "120", "overall deadline of one transcode"),
    TRANSCODE_RETRY_FIRST_SECONDS("TRANSCODE_RETRY_FIRST_SECONDS", "5", "first retry delay; doubles per attempt"),
    TRANSCODE_CHUNK_SECONDS("TRANSCODE_CHUNK_SECONDS", "20",
            "length of the chunks encoded in parallel, rounded up to whole segments"),
    TRANSCODE_MAX_PARALLEL("TRANSCODE_MAX_PARALLEL", "50", "encode activities one transcode runs at once"),
    TRANSCODE_OPTION_MAX_HEIGHT("TRANSCODE_OPTION_MAX_HEIGHT", "1080", "highest rung a client may ask for"),
    TRANSCODE_OPTION_MAX_KBPS("TRANSCODE_OPTION_MAX_KBPS", "8000", "highest video bitrate a client may ask for"),

    // Fair use per tenant
    TENANT_MAX_ACTIVE_TRANSCODES("TENANT_MAX_ACTIVE_TRANSCODES", "3",
            "videos one tenant may have encoding at once; the rest wait as Queued, in order"),
    TENANT_DAILY_TRANSCODE_MINUTES("TENANT_DAILY_TRANSCODE_MINUTES", "600",
            "minutes of video one tenant may send to encoding per UTC day; 0 = unlimited"),
    TRANSCODE_QUEUE_POLL_SECONDS("TRANSCODE_QUEUE_POLL_SECONDS", "30",
            "longest wait between a Queued video's checks for a free slot (the first is after 2 s, then doubling)"),

    // Jobs
    JOB_BATCH_SIZE("JOB_BATCH_SIZE", "200", "uploads (or dead letters) one job run handles at most"),
    UPLOAD_EXPIRY_GRACE_MINUTES("UPLOAD_EXPIRY_GRACE_MINUTES", "15", "extra time after the SAS expiry"),
    WATCHDOG_MIN_AGE_MINUTES("WATCHDOG_MIN_AGE_MINUTES", "10", "uploads younger than this are left alone"),
    INBOX_SWEEP_MARGIN_MINUTES("INBOX_SWEEP_MARGIN_MINUTES", "60", "how much older than the SAS an orphan must be"),
    RECONCILE_DAYS("RECONCILE_DAYS", "3", "days ReconcileReports re-reads"),
    RECONCILE_TENANTS_PER_RUN("RECONCILE_TENANTS_PER_RUN", "50", "tenants per ReconcileReports run"),
    REDRIVE_MAX_ATTEMPTS("REDRIVE_MAX_ATTEMPTS", "3", "re-drives of one dead letter"),
    REDRIVE_MAX_AGE_DAYS("REDRIVE_MAX_AGE_DAYS", "14", "oldest dead letter re-driven"),
    EXPIRE_UPLOADS_SCHEDULE("EXPIRE_UPLOADS_SCHEDULE", "0 */10 * * * *", "NCRONTAB schedule of ExpireAbandonedUploads"),
    SWEEP_INBOX_SCHEDULE("SWEEP_INBOX_SCHEDULE", "0 */30 * * * *", "NCRONTAB schedule of SweepInbox"),
    TRANSCODE_WATCHDOG_SCHEDULE("TRANSCODE_WATCHDOG_SCHEDULE", "0 */5 * * * *", "NCRONTAB schedule of TranscodeWatchdog"),
    RECONCILE_REPORTS_SCHEDULE("RECONCILE_REPORTS_SCHEDULE", "0 15 * * * *", "NCRONTAB schedule of ReconcileReports"),
    LOCAL_OUTBOX_RELAY_SCHEDULE("LOCAL_OUTBOX_RELAY_SCHEDULE", "*/5 * * * * *",
            "func start with Azurite alone: NCRONTAB schedule of RelayOutboxTimer, the change feed's stand-in"),
    WEBHOOK_WATCHDOG_SCHEDULE("WEBHOOK_WATCHDOG_SCHEDULE", "0 */10 * * * *",
            "NCRONTAB schedule of WebhookWatchdog"),
    REDRIVE_DEAD_LETTERS_SCHEDULE("REDRIVE_DEAD_LETTERS_SCHEDULE", "0 */15 * * * *",
            "NCRONTAB schedule of RedriveDeadLetters"),

    // Telemetry (docs/operations.md)
    APPLICATIONINSIGHTS_CONNECTION_STRING("APPLICATIONINSIGHTS_CONNECTION_STRING", null,
            "Application Insights to send spans and metrics to (with the managed identity); the host reads it too"),
    OTEL_EXPORTER_OTLP_ENDPOINT("OTEL_EXPORTER_OTLP_ENDPOINT", null,
            "an OTLP collector to send spans and metrics to (e.g. http://localhost:4318); unset: nothing is exported"),
    OTEL_SERVICE_NAME("OTEL_SERVICE_NAME", "media-backend", "the service name on spans and metrics"),

    // Set by the platform
    RUNNING_IN_AZURE("WEBSITE_INSTANCE_ID", null,
            "set by the Functions host in Azure (never by us): there the app refuses local-only settings"),

    // Local runtime only
    DEVHOST_PORT("DEVHOST_PORT", "7071", "local runtime: HTTP port (0 = any free one)"),
    DEVHOST_BIND("DEVHOST_BIND", "127.0.0.1", "local runtime: address to listen on"),
    DEVHOST_DATA_DIR("DEVHOST_DATA_DIR", ".devhost", "local runtime: its data folder"),
    DEVHOST_WEB_DIR("DEVHOST_WEB_DIR", "web/dist", "local runtime: the built web app it serves at /"),
    DEVHOST_ACTIVITY_WORKERS("DEVHOST_ACTIVITY_WORKERS", null, "local runtime: activities at once (default: cores)"),
    DEVHOST_AGGREGATOR_CONCURRENCY("DEVHOST_AGGREGATOR_CONCURRENCY", "2", "local runtime: aggregator receivers"),
    LOCAL_BUS_CHAOS("LOCAL_BUS_CHAOS", "false", "local runtime: duplicate and reorder event deliveries"),
    DEVHOST_RECONCILE_ON_START("DEVHOST_RECONCILE_ON_START", "true",
            "local runtime: run ReconcileReports once at start, as a safety net"),
    LOCAL_BUS_PREFIX("LOCAL_BUS_PREFIX", "local",
            "with Azurite: prefix of the event queues' names (two runtimes on one Azurite need different ones)");

    private final String settingName;
    private final String defaultValue;
    private final String meaning;

    AppSetting(String settingName, String defaultValue, String meaning) {
        this.settingName = settingName;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
    }

    /** The app setting's (environment variable's) name. */
    public String settingName() {
        return settingName;
    }

    /** The value used when the setting is absent, or {@code null} when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String meaning() {
        return meaning;
    }
}
