package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.intake.FfmpegMediaProbe;
import com.contoso.media.storage.BlobLayout;
import com.contoso.media.storage.BlobRef;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The activities with the real, shipped ffmpeg on media generated here (lavfi testsrc2 + sine). */
class TranscodeActivitiesTest {

    private static final Ffmpeg FFMPEG = new Ffmpeg(Optional.empty(), Duration.ofMinutes(2));
    private static final BlobRef SOURCE = new BlobRef("uploads", "t1/u1/source.mp4");
    private static final TranscodeRequest REQUEST = new TranscodeRequest("u1", "t1", SOURCE, "c1");

    @TempDir
    static Path root;
    private static FolderMediaStore store;
    private static TranscodeActivities activities;
    private static List<Rung> plan;

    @BeforeAll
    static void generateASourceVideo() throws IOException {
        store = new FolderMediaStore(root);
        Files.createDirectories(store.file(SOURCE).getParent());
        FFMPEG.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", "9", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", store.file(SOURCE).toString()));
        InMemoryUploadRepository uploads = new InMemoryUploadRepository();
        Upload upload = Upload.awaitingUpload("u1", "t1", "source.mp4", "video/mp4", 1, SOURCE, "c1",
                Instant.EPOCH, Instant.EPOCH);
        uploads.create(upload.startValidating(Instant.EPOCH).startProcessing(new MediaInfo(9, 1280, 720, 30, true, 0), Instant.EPOCH));
        activities = new TranscodeActivities(store, new FfmpegMediaProbe(Optional.empty()), uploads, FFMPEG, new BlobLayout("uploads", "media"),
                Clock.systemUTC());
        plan = LadderPlanner.plan(new MediaInfo(9, 1280, 720, 30, true, 0),
                TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER));
    }

    @Test
    void theProbeReadsDurationSizeAndAudio() {
        ProbeOutcome outcome = activities.probeSource(REQUEST);

        assertThat(outcome.usable()).isTrue();
        assertThat(outcome.media().width()).isEqualTo(1280);
        assertThat(outcome.media().height()).isEqualTo(720);
        assertThat(outcome.media().durationSeconds()).isCloseTo(9.0, Offset.offset(0.1));
        assertThat(outcome.media().hasAudio()).isTrue();
    }

    @Test
    void eachRenditionHasItsSizeBitrateAndBoundedSegments() throws IOException {
        for (Rung rung : List.of(plan.get(0), plan.get(plan.size() - 1))) {
            RenditionOutput output = activities.encodeRendition(new RenditionJob(REQUEST, rung, 4, true));

            Path playlist = store.file(output.playlist());
            HlsPlaylist hls = HlsPlaylist.read(playlist);
            assertThat(hls.segmentSeconds()).allSatisfy(seconds -> assertThat(seconds).isLessThanOrEqualTo(4 + 1.0));
            assertThat(hls.durationSeconds()).isCloseTo(9.0, Offset.offset(0.5));
            MediaInfo encoded = new FfmpegMediaProbe(Optional.empty()).probe(joined(playlist.getParent(), hls).toUri().toString());
            assertThat(encoded.width()).isEqualTo(rung.width());
            assertThat(encoded.height()).isEqualTo(rung.height());
            long targetBps = (rung.videoKbps() + rung.audioKbps()) * 1000L;
            assertThat(output.averageBps()).as("average bitrate of %s", rung.name())
                    .isBetween((long) (targetBps * 0.5), (long) (targetBps * 1.15));
            assertThat(output.peakBps()).isGreaterThanOrEqualTo(output.averageBps());
            assertThat(output.codecs()).isEqualTo(rung.codecs(true));
        }
    }

    @Test
    void aRotatedPhoneVideoIsPlannedAndEncodedInItsDisplayedOrientation() throws IOException {
        BlobRef stored = new BlobRef("uploads", "t1/u2/portrait.mp4");
        Path landscape = root.resolve("landscape.mp4");
        FFMPEG.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "3", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", landscape.toString()));
        // What a phone held upright writes: landscape pixels plus a rotation tag.
        Files.createDirectories(store.file(stored).getParent());
        FFMPEG.run(List.of("-i", landscape.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                store.file(stored).toString()));
        TranscodeRequest portrait = new TranscodeRequest("u1", "t1", stored, "c2");

        ProbeOutcome probe = activities.probeSource(portrait);
        assertThat(probe.media().width()).isEqualTo(720);
        assertThat(probe.media().height()).isEqualTo(1280);
        assertThat(probe.media().rotation()).isIn(90, 270);

        Rung top = LadderPlanner.plan(probe.media(), TranscodeSettings.parseLadder("720:2800")).get(0);
        RenditionOutput output = activities.encodeRendition(new RenditionJob(portrait, top, 4, false));
        Path playlist = store.file(output.playlist());
        MediaInfo encoded = new FfmpegMediaProbe(Optional.empty())
                .probe(joined(playlist.getParent(), HlsPlaylist.read(playlist)).toUri().toString());
        assertThat(encoded.width()).isEqualTo(406);
        assertThat(encoded.height()).isEqualTo(720);
    }

    @Test
    void theMasterPlaylistListsEveryRungWithItsAttributes() throws IOException {
        List<RenditionOutput> renditions = List.of(
                new RenditionOutput("720p", new BlobRef("media", "a"), 1280, 720, 3_000_000, 2_800_000, "avc1.4d401f,mp4a.40.2", 9, 1),
                new RenditionOutput("360p", new BlobRef("media", "b"), 640, 360, 900_000, 800_000, "avc1.4d401e,mp4a.40.2", 9, 1));

        MasterOutput master = activities.writeMasterPlaylist(new MasterPlaylistJob(REQUEST, renditions));

        List<String> lines = Files.readAllLines(store.file(master.blob()));
        assertThat(lines.get(0)).isEqualTo("#EXTM3U");
        assertThat(lines).filteredOn(l -> l.startsWith("#EXT-X-STREAM-INF:")).containsExactly(
                "#EXT-X-STREAM-INF:BANDWIDTH=3000000,AVERAGE-BANDWIDTH=2800000,RESOLUTION=1280x720,CODECS=\"avc1.4d401f,mp4a.40.2\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=900000,AVERAGE-BANDWIDTH=800000,RESOLUTION=640x360,CODECS=\"avc1.4d401e,mp4a.40.2\"");
        assertThat(lines).contains("720p/index.m3u8", "360p/index.m3u8");
        assertThat(master.blob()).isEqualTo(new BlobRef("media", "t1/u1/hls/master.m3u8"));
    }

    @Test
    void theThumbnailIsAJpegOfTheRequestedSize() throws IOException {
        ThumbnailOutput thumbnail = activities.createThumbnail(new ThumbnailJob(REQUEST, 640, 360, 1.0));

        byte[] jpeg = Files.readAllBytes(store.file(thumbnail.blob()));
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        BufferedImage image = ImageIO.read(store.file(thumbnail.blob()).toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
    }

    @Test
    void anFfmpegFailureCarriesTheTailOfItsStderr() {
        assertThatThrownBy(() -> FFMPEG.run(List.of("-i", root.resolve("missing.mp4").toString(), "-f", "null", "-")))
                .isInstanceOf(Ffmpeg.FfmpegException.class)
                .hasMessageContaining("exited with")
                .hasMessageContaining("No such file or directory");
    }

    /** fMP4 HLS: the init segment followed by the media segments is one playable fragmented MP4. */
    private static Path joined(Path folder, HlsPlaylist hls) throws IOException {
        Path joined = folder.resolve("joined.mp4");
        try (OutputStream out = Files.newOutputStream(joined)) {
            Files.copy(folder.resolve(hls.initFile()), out);
            for (String segment : hls.segmentFiles()) {
                Files.copy(folder.resolve(segment), out);
            }
        }
        return joined;
    }
}
