package com.contoso.media.uploads;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.captions.CaptionService;
import com.contoso.media.clips.ClipService;
import com.contoso.media.clips.NewClip;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.JsonBody;
import com.contoso.media.http.PageLimit;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.imports.SourceImport;
import com.contoso.media.playback.PlaybackApi;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.transcoding.TranscodeProgress;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The uploads HTTP contract (see docs/design.md), independent of the host that received the request. */
public final class UploadsApi {

    private static final String CORRELATION_HEADER = "x-correlation-id";
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 200;

    private final JwtAuthenticator authenticator;
    private final UploadService service;
    private final ClipService clips;
    private final CaptionService captions;
    private final MediaStore store;
    private final PlaybackApi playback;
    private final UploadPolicy policy;
    private final Clock clock;
    private final Tracing tracing;

    public UploadsApi(JwtAuthenticator authenticator, UploadService service, ClipService clips,
                      CaptionService captions, MediaStore store, PlaybackApi playback, UploadPolicy policy,
                      Clock clock, Tracing tracing) {
        this.authenticator = authenticator;
        this.service = service;
        this.clips = clips;
        this.captions = captions;
        this.store = store;
        this.playback = playback;
        this.policy = policy;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * The upload's trace starts here: under the caller's {@code traceparent} if it sent one (in Azure, the
     * Functions host's span for the request), or as a new trace.
     */
    public ApiResponse create(ApiRequest request) {
        Optional<TraceContext> caller = request.header(TraceContext.TRACEPARENT).flatMap(traceparent ->
                TraceContext.of(traceparent, request.header(TraceContext.TRACESTATE).orElse("")));
        try (Tracing.Scope span = tracing.open("POST /api/uploads", SpanKind.SERVER, caller, Attributes.empty())) {
            ApiResponse response = createInSpan(request, span);
            if (response.status() >= 500) {
                span.failed("http_" + response.status());
            }
            return response;
        }
    }

    private ApiResponse createInSpan(ApiRequest request, Tracing.Scope span) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.WRITE);
            span.attribute(Tracing.TENANT, caller.tenantId());
            NewUpload body = NewUpload.parse(request.body(), policy);
            if (body.sourceUrl().isPresent()) {
                return imported(request, span, service.importFrom(caller, body, correlationId(request)));
            }
            CreatedUpload created = service.create(caller, body, correlationId(request));
            span.attribute(Tracing.UPLOAD, created.upload().id());
            String statusUrl = statusUrl(request, created.upload().id());
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("uploadId", created.upload().id());
            response.put("uploadUrl", created.target().url());
            response.put("method", created.target().method());
            response.put("headers", created.target().headers());
            response.put("expiresAt", created.target().expiresAt());
            response.put("statusUrl", statusUrl);
            return ApiResponse.json(201, response)
                    .withHeader("Location", statusUrl)
                    .withHeader(CORRELATION_HEADER, created.upload().correlationId());
        });
    }

    /** {@code 202}: the service fetches the file; the status URL shows the fetch, then the upload's life. */
    private ApiResponse imported(ApiRequest request, Tracing.Scope span, Upload upload) {
        span.attribute(Tracing.UPLOAD, upload.id());
        return accepted(request, upload, Map.of("sourceUrl", upload.sourceImport().orElseThrow().displayUrl()));
    }

    /**
     * {@code POST /api/uploads/{id}/clips}: a new upload cut from this one's video, {@code 202} with its status URL
     * (an instant clip is {@code Succeeded} within seconds).
     */
    public ApiResponse clip(ApiRequest request, String parentId) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.WRITE);
            Upload clip = clips.create(caller, parentId, NewClip.parse(request.body()), correlationId(request));
            return accepted(request, clip, Map.of("clipOf", clip.clipOf().orElseThrow()));
        });
    }

    private ApiResponse accepted(ApiRequest request, Upload upload, Map<String, Object> more) {
        String statusUrl = statusUrl(request, upload.id());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("uploadId", upload.id());
        response.putAll(more);
        response.put("statusUrl", statusUrl);
        return ApiResponse.json(202, response)
                .withHeader("Location", statusUrl)
                .withHeader("Retry-After", String.valueOf(policy.retryAfterSeconds()))
                .withHeader(CORRELATION_HEADER, upload.correlationId());
    }

    public ApiResponse get(ApiRequest request, String uploadId) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.READ);
            // A master playlist a crash left behind the record's caption tracks is mended before it is handed out.
            Upload upload = captions.settle(service.get(caller, uploadId));
            Map<String, Integer> positions = upload.status() == UploadStatus.Queued
                    ? service.queuePositions(caller) : Map.of();
            ApiResponse response = ApiResponse.json(upload.status().isTerminal() ? 200 : 202,
                            view(request, upload, positions))
                    .withHeader(CORRELATION_HEADER, upload.correlationId())
                    .withHeader("ETag", upload.tenantMetadata().etag());
            if (upload.status().isTerminal()) {
                return response;
            }
            return response.withHeader("Retry-After", String.valueOf(policy.retryAfterSeconds()))
                    .withHeader("Location", statusUrl(request, uploadId));
        });
    }

    public ApiResponse list(ApiRequest request) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.READ);
            Page<Upload> page = service.list(caller, new UploadFilter(statusFilter(request),
                            request.queryParam("tag"), request.queryParam("externalId")),
                    PageLimit.of(request, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
                    request.queryParam("continuationToken"));
            Map<String, Integer> positions = page.items().stream().anyMatch(u -> u.status() == UploadStatus.Queued)
                    ? service.queuePositions(caller) : Map.of();
            return ApiResponse.json(200, new Page<>(page.items().stream().map(u -> summary(u, positions)).toList(),
                    page.continuationToken()));
        });
    }

    /**
     * {@code PATCH /api/uploads/{id}}: a JSON merge patch of the tenant's fields. With {@code If-Match}, the edit
     * lands only on the revision the caller read ({@code 412 precondition_failed} otherwise).
     */
    public ApiResponse edit(ApiRequest request, String uploadId) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.WRITE);
            Upload edited = service.edit(caller, uploadId, JsonBody.object(request.body()),
                    request.header("If-Match"));
            return ApiResponse.json(200, view(request, edited, Map.of()))
                    .withHeader(CORRELATION_HEADER, edited.correlationId())
                    .withHeader("ETag", edited.tenantMetadata().etag());
        });
    }

    public ApiResponse delete(ApiRequest request, String uploadId) {
        return Problems.handle(() -> {
            service.delete(authenticator.authenticate(request, Permission.WRITE), uploadId);
            return ApiResponse.noContent();
        });
    }

    private UploadView view(ApiRequest request, Upload upload, Map<String, Integer> positions) {
        Instant urlExpiry = clock.instant().plus(policy.downloadUrlTtl());
        List<UploadView.Output> outputs = upload.status() == UploadStatus.Succeeded
                ? upload.outputs().stream().map(output -> new UploadView.Output(output.kind(), output.label(),
                        output.contentType(), output.sizeBytes(), output.durationSeconds(),
                        outputUrl(request, upload, output, urlExpiry), urlExpiry)).toList()
                : List.of();
        Optional<String> preview = upload.status() == UploadStatus.Processing
                && upload.transcodeProgress().map(TranscodeProgress::previewReady).orElse(false)
                ? Optional.of(playback.previewUrl(request.baseUrl(), upload.tenantId(), upload.id(), urlExpiry))
                : Optional.empty();
        return summary(upload, positions, preview, outputs);
    }

    /**
     * The master playlist goes through the playback route, which keeps its relative URIs playable. Files a person
     * downloads (the original, the thumbnail) are named after the upload, whatever the blob is called.
     */
    private String outputUrl(ApiRequest request, Upload upload, UploadOutput output, Instant expiresAt) {
        return switch (output.kind()) {
            case UploadOutput.HLS_MASTER -> playback.masterUrl(request.baseUrl(), upload.tenantId(), upload.id(),
                    expiresAt);
            case UploadOutput.ORIGINAL -> store.downloadUrl(output.blob(), upload.fileName(), upload.contentType(),
                    expiresAt);
            case UploadOutput.THUMBNAIL -> store.downloadUrl(output.blob(), upload.fileStem() + "-thumbnail.jpg",
                    output.contentType(), expiresAt);
            case UploadOutput.MP4, UploadOutput.M4A -> store.downloadUrl(output.blob(),
                    upload.fileStem() + "." + output.kind(), output.contentType(), expiresAt);
            default -> store.readUrl(output.blob(), expiresAt);
        };
    }

    /**
     * A list item: everything comes from the record itself, and the queued videos' places from one read of the
     * tenant's ledger, so a page costs at most two reads whatever it holds.
     */
    private UploadView summary(Upload upload, Map<String, Integer> positions) {
        return summary(upload, positions, Optional.empty(), List.of());
    }

    private UploadView summary(Upload upload, Map<String, Integer> positions, Optional<String> preview,
                               List<UploadView.Output> outputs) {
        Optional<TranscodeProgress> live = upload.transcodeProgress();
        Optional<SourceImport> fetching = upload.sourceImport()
                .filter(source -> upload.status() == UploadStatus.AwaitingUpload);
        UploadView.Progress progress = live
                .map(p -> new UploadView.Progress(p.percent(), Optional.of(p.renditionsDone()),
                        Optional.of(p.renditionsTotal()), Optional.of(p.chunksDone()), Optional.of(p.chunksTotal()),
                        Optional.of(p.etaSeconds()).filter(eta -> eta >= 0), Optional.empty(), Optional.empty()))
                .or(() -> fetching.map(source -> new UploadView.Progress(fetchPercent(source), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(source.bytesReceived()), source.bytesTotal())))
                .orElse(UploadView.Progress.percent(upload.progressPercent()));
        Optional<Integer> queuePosition = upload.status() == UploadStatus.Queued
                ? Optional.ofNullable(positions.get(upload.id())) : Optional.empty();
        return new UploadView(upload.id(), upload.status(), upload.stage(), queuePosition, progress, upload.fileName(),
                upload.contentType(), upload.sizeBytes(), upload.sourceImport().map(SourceImport::displayUrl), upload.clipOf(), upload.createdAt(), upload.updatedAt(),
                upload.tenantMetadata().title(), upload.tenantMetadata().tags(), upload.tenantMetadata().metadata(),
                upload.tenantMetadata().externalId(), upload.media(), upload.error(), preview, poster(upload), outputs);
    }

    /** A list shows each video by its poster: one read URL per item, signed here, no storage call. */
    private Optional<String> poster(Upload upload) {
        if (upload.status() != UploadStatus.Succeeded) {
            return Optional.empty();
        }
        Instant expiresAt = clock.instant().plus(policy.downloadUrlTtl());
        return upload.outputs().stream().filter(output -> output.kind().equals(UploadOutput.POSTER)).findFirst()
                .map(output -> store.readUrl(output.blob(), expiresAt));
    }

    private static int fetchPercent(SourceImport source) {
        return source.bytesTotal().filter(total -> total > 0)
                .map(total -> (int) Math.min(99, source.bytesReceived() * 100 / total)).orElse(0);
    }

    private static String statusUrl(ApiRequest request, String uploadId) {
        return request.baseUrl() + "/api/uploads/" + uploadId;
    }

    private static String correlationId(ApiRequest request) {
        return request.header(CORRELATION_HEADER)
                .filter(id -> SAFE_CORRELATION_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    private static Optional<UploadStatus> statusFilter(ApiRequest request) {
        return request.queryParam("status").map(value -> Arrays.stream(UploadStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("invalid_status", "status must be one of "
                        + Arrays.toString(UploadStatus.values()) + ".")));
    }
}
