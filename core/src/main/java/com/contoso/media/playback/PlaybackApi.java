package com.contoso.media.playback;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Serves HLS playlists so that a player given one URL can play: players resolve variant and segment URIs
 * relative to the playlist and drop its query, which is where a blob SAS lives. Each playlist request carries
 * a read SAS for that playlist blob, and storage itself checks it (we read the blob presenting the caller's
 * SAS), so no app secret exists. Variant URIs come back relative with a fresh SAS for this route; segment
 * URIs come back absolute, straight to Blob Storage, each with its own read SAS.
 *
 * <p>Route: {@code GET /api/playback/{tenantId}/{uploadId}/{master.m3u8 | preview.m3u8 | <rung>/index.m3u8 |
 * <rung>/preview.m3u8 | captions/<trackId>/index.m3u8}?<sas>}. The preview playlists grow while a video is transcoded, so nothing may cache them.
 * A URL moved to another blob (another upload's segment) fails storage's own signature check.
 */
public final class PlaybackApi {

    private static final Pattern PLAYLIST = Pattern.compile(
            "(master|preview)\\.m3u8|[A-Za-z0-9_-]{1,32}/(index|preview)\\.m3u8|captions/[a-f0-9]{16}/index\\.m3u8");
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private static final Pattern SEGMENT_DURATION = Pattern.compile("#EXTINF:([0-9.]+)");

    private final MediaStore store;
    private final BlobLayout layout;
    private final Duration urlLifetime;
    private final Duration maxLifetime;
    private final Clock clock;

    /**
     * {@code urlLifetime} is what a URL handed out lives; URLs inside playlists live longer, because players fetch a
     * VOD playlist once and its segments over the whole playback: a segment URL lives the rendition's length plus
     * {@code urlLifetime}, a variant playlist URL {@code maxLifetime}, and neither longer than {@code maxLifetime}.
     */
    public PlaybackApi(MediaStore store, BlobLayout layout, Duration urlLifetime, Duration maxLifetime, Clock clock) {
        this.store = store;
        this.layout = layout;
        this.urlLifetime = urlLifetime;
        this.maxLifetime = maxLifetime.compareTo(urlLifetime) < 0 ? urlLifetime : maxLifetime;
        this.clock = clock;
    }

    /** The URL handed out for an upload's master playlist. */
    public String masterUrl(String baseUrl, String tenantId, String uploadId, Instant expiresAt) {
        return url(baseUrl, tenantId, uploadId, "master.m3u8", expiresAt);
    }

    /** The URL of the playlist that grows while the upload is transcoded: its lowest rung, as far as it is done. */
    public String previewUrl(String baseUrl, String tenantId, String uploadId, Instant expiresAt) {
        return url(baseUrl, tenantId, uploadId, "preview.m3u8", expiresAt);
    }

    private String url(String baseUrl, String tenantId, String uploadId, String playlist, Instant expiresAt) {
        BlobRef blob = playlistBlob(tenantId, uploadId, playlist);
        return baseUrl + "/api/playback/" + tenantId + "/" + uploadId + "/" + playlist + "?"
                + store.readSas(blob, expiresAt);
    }

    public ApiResponse playlist(ApiRequest request, String tenantId, String uploadId, String path) {
        return Problems.handle(() -> {
            if (!PLAYLIST.matcher(path).matches() || !SAFE_SEGMENT.matcher(tenantId).matches()
                    || !SAFE_SEGMENT.matcher(uploadId).matches()) {
                throw ProblemException.notFound("No playlist " + path + ".");
            }
            String playlist = store.readTextWithSas(playlistBlob(tenantId, uploadId, path), sasQuery(request))
                    .orElseThrow(() -> new ProblemException(403, "playback_denied",
                            "The playback URL is invalid or has expired; ask GET /api/uploads/{id} for a new one."));
            String folder = path.substring(0, path.lastIndexOf('/') + 1);
            return new ApiResponse(200, Map.of("Content-Type", "application/vnd.apple.mpegurl",
                    "Cache-Control", "private, no-store"), rewrite(playlist, tenantId, uploadId, folder));
        });
    }

    private String rewrite(String playlist, String tenantId, String uploadId, String folder) {
        Instant expiresAt = clock.instant().plus(lifetimeInside(playlist));
        return playlist.lines().map(line -> {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                // Tags may carry URIs too: the fMP4 initialization segment is #EXT-X-MAP:URI="init.mp4".
                Matcher attribute = URI_ATTRIBUTE.matcher(line);
                return attribute.find() && isRelative(attribute.group(1))
                        ? line.substring(0, attribute.start(1))
                                + signed(attribute.group(1), tenantId, uploadId, folder, expiresAt)
                                + line.substring(attribute.end(1))
                        : line;
            }
            return trimmed.isEmpty() || !isRelative(trimmed) ? line
                    : signed(trimmed, tenantId, uploadId, folder, expiresAt);
        }).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Playlists stay on this route (relative, fresh SAS); media goes straight to Blob Storage. */
    private String signed(String uri, String tenantId, String uploadId, String folder, Instant expiresAt) {
        BlobRef target = playlistBlob(tenantId, uploadId, folder + uri);
        return uri.endsWith(".m3u8") ? uri + "?" + store.readSas(target, expiresAt) : store.readUrl(target, expiresAt);
    }

    /** A media playlist: its length plus the base lifetime; a master (no segments): the cap. */
    private Duration lifetimeInside(String playlist) {
        Matcher segment = SEGMENT_DURATION.matcher(playlist);
        double seconds = 0;
        boolean media = false;
        while (segment.find()) {
            media = true;
            seconds += Double.parseDouble(segment.group(1));
        }
        Duration wanted = media ? urlLifetime.plusMillis(Math.round(seconds * 1000)) : maxLifetime;
        return wanted.compareTo(maxLifetime) > 0 ? maxLifetime : wanted;
    }

    private static boolean isRelative(String uri) {
        return !uri.contains("://") && !uri.startsWith("/") && !uri.contains("..");
    }

    private BlobRef playlistBlob(String tenantId, String uploadId, String path) {
        return layout.library(tenantId, uploadId, "hls/" + path);
    }

    private static String sasQuery(ApiRequest request) {
        return request.query().entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
