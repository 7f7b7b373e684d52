package com.contoso.media.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;
import com.contoso.media.app.AzureClients;
import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.blobs.AccountKeySasSigner;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobMediaStore;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.captions.CaptionLimits;
import com.contoso.media.captions.CaptionService;
import com.contoso.media.clips.ClipService;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.LocalOrchestrations;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.FfmpegMediaProbe;
import com.contoso.media.ffmpeg.LoopbackBlobServer;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.imports.SourceImporter;
import com.contoso.media.intake.BlobCreated;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.intake.SourceLimits;
import com.contoso.media.json.Json;
import com.contoso.media.playback.PlaybackApi;
import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.transcoding.ClipCutter;
import com.contoso.media.transcoding.RenditionPackager;
import com.contoso.media.transcoding.EncodeChunksOrchestration;
import com.contoso.media.transcoding.InstanceState;
import com.contoso.media.transcoding.TranscodeActivities;
import com.contoso.media.transcoding.TranscodeActivityCatalog;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadService;
import com.contoso.media.uploads.UploadStatus;
import com.contoso.media.uploads.UploadsApi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * Storage refusing reads (a real 403 from Azurite for an expired SAS, quoted with its URL the way an SDK error can
 * quote one) during the probe and during an encode: the tenant reads a sentence, intake retries instead of
 * rejecting the file, and no signature is anywhere: not in the API's answer, the record, the captured logs or the
 * orchestration's saved history.
 */
class StorageRefusalE2ETest {

    private static final String INBOX = "refusal-uploads";
    private static final String LIBRARY = "refusal-media";
    private static final BlobServiceClient AZURITE = new BlobServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    @TempDir
    Path history;
    private final String tenant = "refusal-" + UUID.randomUUID().toString().substring(0, 8);
    private final Clock clock = Clock.systemUTC();
    private final Settings settings = new Settings(Map.of("UPLOADS_CONTAINER", INBOX, "MEDIA_CONTAINER", LIBRARY,
            "TRANSCODE_RETRY_FIRST_SECONDS", "1"));
    private final UploadPolicy policy = UploadPolicy.from(settings);
    private final BlobLayout layout = policy.layout();
    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    private final TranscodeSlots slots = new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads,
            FairUseLimits.from(settings), clock);
    private final MediaStore real = new BlobMediaStore(AZURITE, new AccountKeySasSigner(), clock);
    private final Ffmpeg ffmpeg = Ffmpeg.fromSettings(settings, Duration.ofMinutes(2));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private String signature;
    private MediaStore refusing;

    @BeforeEach
    void storageThatRefusesReads() {
        AZURITE.getBlobContainerClient(INBOX).createIfNotExists();
        AZURITE.getBlobContainerClient(LIBRARY).createIfNotExists();
        String expiredSas = AZURITE.generateAccountSas(new AccountSasSignatureValues(
                OffsetDateTime.now().minusHours(1), AccountSasPermission.parse("r"),
                AccountSasService.parse("b"), AccountSasResourceType.parse("o")));
        signature = expiredSas.replaceAll(".*sig=([^&]+).*", "$1");
        BlobServiceClient expired = new BlobServiceClientBuilder().endpoint(AZURITE.getAccountUrl())
                .sasToken(expiredSas).buildClient();
        refusing = mock(MediaStore.class, withSettings().defaultAnswer(
                org.mockito.AdditionalAnswers.delegatesTo(real)));
        doAnswer(call -> {
            BlobRef blob = call.getArgument(0);
            try {
                expired.getBlobContainerClient(blob.container()).getBlobClient(blob.name()).downloadStream(
                        OutputStream.nullOutputStream());
            } catch (BlobStorageException refused) {
                // Storage errors can quote the request's URL; this one does, signature and all.
                throw new IllegalStateException("GET " + AZURITE.getAccountUrl() + "/" + blob.container() + "/"
                        + blob.name() + "?" + expiredSas + " failed: " + refused.getMessage(), refused);
            }
            throw new AssertionError("Azurite served a read with an expired SAS");
        }).when(refusing).readRange(any(), anyString(), anyLong(), anyLong(), any());
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root().detachAppender(logs);
    }

    @Test
    void aRefusalDuringTheProbeIsRetriedNotRejectedAndLeavesNoSignatureAnywhere() {
        byte[] mp4 = TestMedia.mp4(2, "320x240");
        String id = UUID.randomUUID().toString();
        BlobRef inbox = layout.inbox(tenant, id, "clip.mp4");
        uploads.create(Upload.awaitingUpload(id, tenant, "clip.mp4", "video/mp4", mp4.length, inbox, "corr",
                clock.instant(), clock.instant().plusSeconds(900)));
        AZURITE.getBlobContainerClient(INBOX).getBlobClient(inbox.name()).upload(BinaryData.fromBytes(mp4));
        AZURITE.getBlobContainerClient(INBOX).getBlobClient(inbox.name())
                .setHttpHeaders(new BlobHttpHeaders().setContentType("video/mp4"));
        IntakeService intake = new IntakeService(uploads, refusing, new FfmpegMediaProbe(refusing, ffmpeg),
                mock(TranscodeControl.class), slots, policy, SourceLimits.from(settings), clock, Telemetry.none());

        assertThatThrownBy(() -> intake.onBlobCreated(new BlobCreated(INBOX, inbox.name())))
                .isInstanceOf(LoopbackBlobServer.SourceUnavailableException.class);

        Upload after = uploads.find(tenant, id).orElseThrow();
        assertThat(after.status()).as("waits for the redelivered event").isEqualTo(UploadStatus.AwaitingUpload);
        assertThat(after.error()).isEmpty();
        assertNoSignatureIn("the record", Json.write(after));
        assertNoSignatureIn("the API's answer", statusAnswer(id));
        assertLogsQuoteTheRefusalRedacted();
    }

    @Test
    void aRefusalDuringTheEncodeFailsTheTranscodeWithASentenceAndLeavesNoSignatureAnywhere() throws Exception {
        byte[] mp4 = TestMedia.mp4(4, "320x240");
        String id = UUID.randomUUID().toString();
        BlobRef original = layout.original(tenant, id, "clip.mp4");
        AZURITE.getBlobContainerClient(LIBRARY).getBlobClient(original.name()).upload(BinaryData.fromBytes(mp4));
        MediaInfo media = new MediaInfo(4, 320, 240, 25, true, 0);
        Upload upload = uploads.create(Upload.awaitingUpload(id, tenant, "clip.mp4", "video/mp4", mp4.length,
                layout.inbox(tenant, id, "clip.mp4"), "corr", clock.instant(), clock.instant().plusSeconds(900))
                .startValidating(clock.instant()).startProcessing(media, clock.instant()));
        slots.admit(upload, media);
        // The probe reads through storage that answers; every encode through storage that refuses.
        TranscodeActivities activities = new TranscodeActivities(refusing, new FfmpegMediaProbe(real, ffmpeg), uploads,
                slots, ffmpeg, layout, clock, Telemetry.none());
        TranscodeSettings transcoding = TranscodeSettings.from(settings);
        try (LocalOrchestrations orchestrations = new LocalOrchestrations(TranscodeVideoOrchestration.NAME,
                Map.of(TranscodeVideoOrchestration.NAME, new TranscodeVideoOrchestration(transcoding),
                        EncodeChunksOrchestration.NAME, new EncodeChunksOrchestration(transcoding)),
                TranscodeActivityCatalog.of(activities, mock(ClipCutter.class), mock(RenditionPackager.class), woken -> { }), TranscodeActivityCatalog.ENCODES, 2, clock, history)) {
            orchestrations.start(new TranscodeRequest(id, tenant, original, "corr"));
            Instant deadline = Instant.now().plusSeconds(120);
            while (orchestrations.state(id).orElseThrow() == InstanceState.RUNNING && Instant.now().isBefore(deadline)) {
                ApiClient.sleep(100);
            }
            assertThat(orchestrations.state(id)).contains(InstanceState.COMPLETED);
        }

        Upload after = uploads.find(tenant, id).orElseThrow();
        assertThat(after.status()).isEqualTo(UploadStatus.Failed);
        assertThat(after.error().orElseThrow().code()).isEqualTo("transcode_failed");
        assertThat(after.error().orElseThrow().message()).startsWith("The video could not be transcoded")
                .doesNotContain("http", "storage", "403");
        assertNoSignatureIn("the record", Json.write(after));
        assertNoSignatureIn("the API's answer", statusAnswer(id));
        assertLogsQuoteTheRefusalRedacted();
        List<String> saved = new ArrayList<>();
        try (Stream<Path> files = Files.walk(history)) {
            files.filter(Files::isRegularFile).forEach(file -> saved.add(read(file)));
        }
        assertThat(saved).as("the orchestration's saved history").isNotEmpty()
                .anySatisfy(text -> assertThat(text).contains("storage refused to read the source"))
                .allSatisfy(text -> assertNoSignatureIn("the history", text));
    }

    /** What {@code GET /api/uploads/{id}} answers the tenant. */
    private String statusAnswer(String id) {
        DevTokenIssuer tokens = DevTokenIssuer.generate();
        UploadsApi api = new UploadsApi(new JwtAuthenticator(tokens.trustingSettings(), InMemoryTenantRegistryStore.onboardingOnFirstSignIn()),
                new UploadService(uploads, refusing, mock(TranscodeControl.class), slots,
                        mock(SourceImporter.class), policy, clock), mock(ClipService.class),
                new CaptionService(uploads, refusing, layout, new CaptionLimits(1024, 1), clock), refusing,
                new PlaybackApi(refusing, layout, Duration.ofMinutes(10), Duration.ofHours(6), clock), policy, clock, Tracing.none());
        return api.get(new ApiRequest("GET", "https://api.test", Map.of("authorization", "Bearer "
                + tokens.mint(tenant, Duration.ofMinutes(5))), Map.of(), ""), id).body();
    }

    private void assertLogsQuoteTheRefusalRedacted() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.add(event.getFormattedMessage());
            for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
                lines.add(cause.getMessage());
            }
        }
        assertThat(lines).as("the refusal is in the logs").anySatisfy(line ->
                assertThat(line).contains("sig=REDACTED"));
        lines.forEach(line -> assertNoSignatureIn("the logs", line));
    }

    private void assertNoSignatureIn(String where, String text) {
        assertThat(text).as(where).doesNotContain(signature)
                .doesNotContainPattern("sig=(?!REDACTED)");
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
