package com.contoso.media.captions;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.Problems;
import com.contoso.media.uploads.CaptionTrack;
import com.contoso.media.uploads.Upload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/uploads/{id}/captions} (the file is the body; {@code language}, {@code label} and
 * {@code default} are in the query), {@code GET /api/uploads/{id}/captions} and
 * {@code DELETE /api/uploads/{id}/captions/{trackId}}. Each track is shown with a signed URL of its whole WebVTT
 * file, named after the upload and the language; players find the tracks in the master playlist.
 */
public final class CaptionsApi {

    private final JwtAuthenticator authenticator;
    private final CaptionService captions;
    private final MediaStore store;
    private final Duration urlLifetime;
    private final Clock clock;

    public CaptionsApi(JwtAuthenticator authenticator, CaptionService captions, MediaStore store,
                       Duration urlLifetime, Clock clock) {
        this.authenticator = authenticator;
        this.captions = captions;
        this.store = store;
        this.urlLifetime = urlLifetime;
        this.clock = clock;
    }

    public ApiResponse add(ApiRequest request, String uploadId) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.WRITE);
            NewCaptionTrack wanted = NewCaptionTrack.parse(request);
            CaptionService.Added added = captions.add(caller, uploadId, wanted, request.body());
            return ApiResponse.json(201, view(added.upload(), added.track(), clock.instant().plus(urlLifetime)))
                    .withHeader("Location", request.baseUrl() + "/api/uploads/" + uploadId + "/captions");
        });
    }

    public ApiResponse list(ApiRequest request, String uploadId) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.READ);
            Upload upload = captions.settled(caller, uploadId);
            Instant expiresAt = clock.instant().plus(urlLifetime);
            List<Map<String, Object>> items = upload.captions().stream()
                    .map(track -> view(upload, track, expiresAt)).toList();
            return ApiResponse.json(200, Map.of("items", items));
        });
    }

    public ApiResponse delete(ApiRequest request, String uploadId, String trackId) {
        return Problems.handle(() -> {
            captions.delete(authenticator.authenticate(request, Permission.WRITE), uploadId, trackId);
            return ApiResponse.noContent();
        });
    }

    private Map<String, Object> view(Upload upload, CaptionTrack track, Instant expiresAt) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", track.id());
        view.put("language", track.language());
        view.put("label", track.label());
        view.put("default", track.defaultTrack());
        view.put("cues", track.cues());
        view.put("sizeBytes", track.sizeBytes());
        view.put("addedAt", track.addedAt());
        view.put("url", store.downloadUrl(captions.file(upload, track.id()), fileName(upload, track),
                "text/vtt", expiresAt));
        view.put("expiresAt", expiresAt);
        return view;
    }

    /** {@code talk.mp4}'s English track downloads as {@code talk.en.vtt}. */
    private static String fileName(Upload upload, CaptionTrack track) {
        return upload.fileStem() + "." + track.language() + ".vtt";
    }
}
