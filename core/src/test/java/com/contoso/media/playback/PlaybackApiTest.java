package com.contoso.media.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybackApiTest {

    private final MediaStore store = mock(MediaStore.class);
    private final PlaybackApi playback = new PlaybackApi(store, new BlobLayout("uploads", "media"), Duration.ofMinutes(10), Duration.ofHours(6),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final ApiRequest withSas = new ApiRequest("GET", "http://h", Map.of(), Map.of("sig", "abc", "sp", "r"), "");

    PlaybackApiTest() {
        when(store.readSas(any(), any())).thenAnswer(call -> "sas-for=" + call.getArgument(0, BlobRef.class).name());
        when(store.readUrl(any(), any())).thenAnswer(call -> "https://blob/" + call.getArgument(0, BlobRef.class).name() + "?sas");
    }

    @Test
    void masterVariantsStayOnThisRouteWithAFreshSas() {
        when(store.readTextWithSas(eq(new BlobRef("media", "t/u/hls/master.m3u8")), any()))
                .thenReturn(Optional.of("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p/index.m3u8\n"));

        ApiResponse response = playback.playlist(withSas, "t", "u", "master.m3u8");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "application/vnd.apple.mpegurl");
        assertThat(response.body()).contains("720p/index.m3u8?sas-for=t/u/hls/720p/index.m3u8")
                .contains("#EXT-X-STREAM-INF:BANDWIDTH=1");
    }

    @Test
    void segmentsAndTheInitSegmentGoStraightToStorage() {
        when(store.readTextWithSas(eq(new BlobRef("media", "t/u/hls/720p/index.m3u8")), any())).thenReturn(Optional.of(
                "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4.0,\nseg_00000.m4s\n#EXT-X-ENDLIST\n"));

        String body = playback.playlist(withSas, "t", "u", "720p/index.m3u8").body();

        assertThat(body).contains("#EXT-X-MAP:URI=\"https://blob/t/u/hls/720p/init.mp4?sas\"")
                .contains("\nhttps://blob/t/u/hls/720p/seg_00000.m4s?sas\n").contains("#EXT-X-ENDLIST");
    }

    @Test
    void segmentUrlsLiveTheRenditionsLengthPlusTheBaseLifetimeSoALongVideoPlaysToItsEnd() {
        String twentyMinutes = "#EXTM3U\n" + "#EXTINF:6.0,\nseg.m4s\n".repeat(200) + "#EXT-X-ENDLIST\n";
        when(store.readTextWithSas(eq(new BlobRef("media", "t/u/hls/720p/index.m3u8")), any()))
                .thenReturn(Optional.of(twentyMinutes));

        playback.playlist(withSas, "t", "u", "720p/index.m3u8");

        verify(store, org.mockito.Mockito.atLeastOnce()).readUrl(any(),
                eq(Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofMinutes(20 + 10))));
    }

    @Test
    void aPlaylistsUrlsNeverOutliveTheCapAndAMastersVariantsGetIt() {
        String tenHours = "#EXTM3U\n" + "#EXTINF:6.0,\nseg.m4s\n".repeat(6000) + "#EXT-X-ENDLIST\n";
        when(store.readTextWithSas(eq(new BlobRef("media", "t/u/hls/720p/index.m3u8")), any()))
                .thenReturn(Optional.of(tenHours));
        when(store.readTextWithSas(eq(new BlobRef("media", "t/u/hls/master.m3u8")), any()))
                .thenReturn(Optional.of("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p/index.m3u8\n"));
        Instant cap = Instant.parse("2026-01-01T06:00:00Z");

        playback.playlist(withSas, "t", "u", "720p/index.m3u8");
        playback.playlist(withSas, "t", "u", "master.m3u8");

        verify(store, org.mockito.Mockito.atLeastOnce()).readUrl(any(), eq(cap));
        verify(store).readSas(new BlobRef("media", "t/u/hls/720p/index.m3u8"), cap);
    }

    @Test
    void storageRefusingTheCallersSasIs403() {
        when(store.readTextWithSas(any(), any())).thenReturn(Optional.empty());

        assertThat(playback.playlist(withSas, "t", "u", "master.m3u8").status()).isEqualTo(403);
    }

    @Test
    void pathsOutsideTheUploadsHlsFolderAre404WithoutTouchingStorage() {
        assertThat(playback.playlist(withSas, "t", "u", "../other/master.m3u8").status()).isEqualTo(404);
        assertThat(playback.playlist(withSas, "t", "u", "720p/seg_00000.m4s").status()).isEqualTo(404);
        assertThat(playback.playlist(withSas, "t/../x", "u", "master.m3u8").status()).isEqualTo(404);
        verify(store, never()).readTextWithSas(any(), any());
    }
}
