package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.config.Settings;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.FfmpegMediaProbe;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.PreviewGrowth;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardOutput;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The activities with the real, shipped ffmpeg on media generated here (lavfi testsrc2 + sine). */
class TranscodeActivitiesTest {

    private static final Ffmpeg FFMPEG = Ffmpeg.fromSettings(new Settings(java.util.Map.of()), Duration.ofMinutes(2));
    private static final BlobRef SOURCE = new BlobRef("uploads", "t1/u1/source.mp4");
    private static final TranscodeRequest REQUEST = new TranscodeRequest("u1", "t1", SOURCE, "c1");

    @TempDir
    static Path root;
    private static FolderMediaStore store;
    private static TranscodeActivities activities;
    private static List<Rung> plan;
    private static InMemoryUploadRepository uploads;

    @BeforeAll
    static void generateASourceVideo() throws IOException {
        store = new FolderMediaStore(root);
        Files.createDirectories(store.file(SOURCE).getParent());
        FFMPEG.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", "9", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", store.file(SOURCE).toString()));
        uploads = new InMemoryUploadRepository();
        Upload upload = Upload.awaitingUpload("u1", "t1", "source.mp4", "video/mp4", 1, SOURCE, "c1",
                Instant.EPOCH, Instant.EPOCH);
        uploads.create(upload.startValidating(Instant.EPOCH).startProcessing(new MediaInfo(9, 1280, 720, 30, true, 0), Instant.EPOCH));
        activities = new TranscodeActivities(store, new FfmpegMediaProbe(store, FFMPEG), uploads, slots(uploads),
                FFMPEG, new BlobLayout("uploads", "media"), Clock.systemUTC(), Telemetry.none());
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
    void chunksEncodedApartShareOneInitSegmentAndListAsOneRendition() throws IOException {
        List<Rung> rungs = plan.subList(plan.size() - 2, plan.size());
        List<Chunk> chunks = ChunkPlanner.plan(9, 30, 2, 4);
        assertThat(chunks).hasSize(2);

        List<ChunkOutput> encoded = new ArrayList<>();
        for (Chunk chunk : chunks) {
            encoded.add(activities.encodeChunk(new ChunkJob(REQUEST, chunk, rungs, 2)));
        }
        for (AudioStretch stretch : AudioPlanner.plan(chunks, 9, 2)) {
            encoded.add(activities.encodeAudioChunk(new AudioChunkJob(REQUEST, stretch, 2)));
        }
        PlaylistsOutput playlists = activities.writePlaylists(new PlaylistsJob(REQUEST, rungs,
                List.of(joinedSegments(encoded, rungs.get(0)), joinedSegments(encoded, rungs.get(1)),
                        joinedSegments(encoded, RenditionOutput.AUDIO)), 2, false));
        RenditionOutput audio = playlists.renditions().get(2);

        assertThat(audio.name()).isEqualTo(RenditionOutput.AUDIO);
        assertThat(encoded.get(0).rungs()).allSatisfy(part -> assertThat(part.initBytes()).isPositive());
        assertThat(encoded.get(1).rungs()).allSatisfy(part -> assertThat(part.initBytes()).isZero());
        assertThat(encoded.get(1).rungs().get(0).segments().get(0).file()).isEqualTo("seg_00002.m4s");
        RenditionOutput lowest = playlists.renditions().get(1);
        Path playlist = store.file(lowest.playlist());
        HlsPlaylist hls = HlsPlaylist.read(playlist);
        assertThat(Files.readString(playlist)).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST")
                .doesNotContain("DISCONTINUITY");
        assertThat(hls.segmentFiles()).containsExactly("seg_00000.m4s", "seg_00001.m4s", "seg_00002.m4s",
                "seg_00003.m4s", "seg_00004.m4s");
        MediaInfo joined = new FfmpegMediaProbe(store, FFMPEG).probeUrl(joined(playlist.getParent(), hls).toUri().toString());
        assertThat(lowest.durationSeconds()).isCloseTo(9.0, Offset.offset(0.1));
        assertThat(joined.height()).isEqualTo(rungs.get(1).height());
        assertThat(lowest.averageBps()).isBetween(rungs.get(1).videoKbps() * 500L, rungs.get(1).videoKbps() * 1150L);
        assertThat(lowest.codecs()).isEqualTo(rungs.get(1).codecs(true));
        assertThat(audio.durationSeconds()).isCloseTo(9.0, Offset.offset(0.1));
        long timescale = FragmentTimeline.mediaTimescale(playlist.getParent().resolve("init.mp4"));
        double elapsed = 0;
        for (int i = 0; i < hls.segmentFiles().size(); i++) {
            assertThat(decodeTime(playlist.getParent().resolve(hls.segmentFiles().get(i))) / (double) timescale)
                    .as("segment %d starts where the ones before it end, across the chunk seam", i)
                    .isCloseTo(elapsed, Offset.offset(0.001));
            elapsed += hls.segmentSeconds().get(i);
        }
        List<String> master = Files.readAllLines(store.file(playlists.master().blob()));
        assertThat(master).contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Main\",DEFAULT=YES,"
                + "AUTOSELECT=YES,CHANNELS=\"2\",URI=\"audio/index.m3u8\"");
        assertThat(master).filteredOn(line -> line.startsWith("#EXT-X-STREAM-INF:")).hasSize(2)
                .allSatisfy(line -> assertThat(line).endsWith(",AUDIO=\"audio\""));
    }

    @Test
    void thePreviewOnlyEverGrowsAndARepeatedWriteAddsNothing() throws IOException {
        Rung lowest = plan.get(plan.size() - 1);
        List<Segment> first = List.of(new Segment("seg_00000.m4s", 4, 10), new Segment("seg_00001.m4s", 4, 10));
        List<Segment> second = List.of(new Segment("seg_00002.m4s", 1, 10));
        TranscodeProgress progress = new TranscodeProgress("transcoding", 0, 1, 50, 1, 2, 3, true);

        List<Segment> sound = List.of(new Segment("seg_00000.m4s", 4, 10), new Segment("seg_00001.m4s", 4, 10));

        activities.publishProgress(progressJob(progress, lowest, new PreviewGrowth(0, first), sound, 0));
        activities.publishProgress(progressJob(progress, lowest, new PreviewGrowth(0, first), sound, 0));
        activities.publishProgress(progressJob(progress, lowest, new PreviewGrowth(2, second), List.of(), 2));
        activities.publishProgress(progressJob(progress, lowest, new PreviewGrowth(0, first), sound, 0));

        Path previewFile = store.file(new BlobRef("media", "t1/u1/hls/" + lowest.name() + "/preview.m3u8"));
        assertThat(Files.readString(previewFile)).contains("#EXT-X-PLAYLIST-TYPE:EVENT").doesNotContain("#EXT-X-ENDLIST");
        assertThat(HlsPlaylist.read(previewFile).segmentFiles()).hasSize(3);
        Path audioPreview = store.file(new BlobRef("media", "t1/u1/hls/audio/preview.m3u8"));
        assertThat(HlsPlaylist.read(audioPreview).segmentFiles()).hasSize(2);
        assertThat(Files.readString(store.file(new BlobRef("media", "t1/u1/hls/preview.m3u8"))))
                .contains(lowest.name() + "/preview.m3u8", "URI=\"audio/preview.m3u8\"");
        assertThat(uploads.find("t1", "u1").orElseThrow().transcodeProgress()).contains(progress);
    }

    private static ProgressJob progressJob(TranscodeProgress progress, Rung rung, PreviewGrowth video,
                                           List<Segment> sound, int soundFrom) {
        return new ProgressJob(REQUEST, progress, rung, video, new PreviewGrowth(soundFrom, sound), 4);
    }

    /**
     * The seam test for audio encoded in stretches: a chirp (a tone whose pitch rises, so a stretch out of place by
     * even a sample would not line up) cut at 8 s and 16 s must decode to the source's own samples, as closely at
     * each seam as anywhere else, with no gap and no sample more or fewer than one frame's padding.
     */
    @Test
    void audioEncodedInStretchesDecodesToTheSourceAtEverySeam() throws IOException {
        BlobRef chirp = new BlobRef("uploads", "t1/u3/chirp.m4a");
        Files.createDirectories(store.file(chirp).getParent());
        FFMPEG.run(List.of("-f", "lavfi", "-i", "aevalsrc=0.5*sin(2*PI*(200+100*t)*t):s=44100", "-t", "21",
                "-c:a", "aac", "-b:a", "192k", store.file(chirp).toString()));
        uploads.create(Upload.awaitingUpload("u3", "t1", "chirp.m4a", "audio/mp4", 1, chirp, "c3", Instant.EPOCH,
                Instant.EPOCH).startValidating(Instant.EPOCH).startProcessing(new MediaInfo(21, 0, 0, 0, true, 0),
                Instant.EPOCH));
        TranscodeRequest request = new TranscodeRequest("u3", "t1", chirp, "c3");
        List<AudioStretch> stretches = AudioPlanner.plan(ChunkPlanner.plan(21, 25, 2, 4), 21, 2);
        assertThat(stretches).extracting(AudioStretch::startSeconds).containsExactly(0.0, 8.0, 16.0);

        float[] decoded = samples(encodedInStretches(request, stretches));
        float[] source = samples(store.file(chirp));
        assertThat(decoded.length - source.length).as("the source's samples, and at most one frame's padding")
                .isBetween(0, 1024);
        double everywhere = rmsError(decoded, source, 4800, source.length - 4800);
        assertThat(everywhere).as("AAC's own error").isLessThan(0.01);
        for (int seam : new int[] {8 * 48_000, 16 * 48_000}) {
            assertThat(rmsError(decoded, source, seam - 1024, seam + 1024)).as("the error at the seam at %d", seam)
                    .isLessThan(3 * everywhere);
        }
        // From 50 ms on: the source itself fades in over its first few milliseconds.
        assertThat(quietRun(decoded, 2400, 21 * 48_000)).as("where 5 ms of near silence start").isEqualTo(-1);
    }

    /**
     * A sound track that starts half a second after the picture (as edited files' often do) keeps its place: the
     * first stretch pads it with silence rather than moving it to the start, where it would play early and the seam
     * would repeat the half second.
     */
    @Test
    void aSoundTrackThatStartsLateKeepsItsPlaceAcrossTheSeams() throws IOException {
        BlobRef late = new BlobRef("uploads", "t1/u5/late.mp4");
        Files.createDirectories(store.file(late).getParent());
        FFMPEG.run(List.of("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-itsoffset", "0.5", "-f", "lavfi",
                "-i", "aevalsrc=0.5*sin(2*PI*(200+100*t)*t):s=44100", "-t", "12", "-map", "0:v", "-map", "1:a",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k",
                store.file(late).toString()));
        uploads.create(Upload.awaitingUpload("u5", "t1", "late.mp4", "video/mp4", 1, late, "c5", Instant.EPOCH,
                Instant.EPOCH).startValidating(Instant.EPOCH).startProcessing(new MediaInfo(12, 160, 90, 25, true, 0),
                Instant.EPOCH));
        TranscodeRequest request = new TranscodeRequest("u5", "t1", late, "c5");
        float[] decoded = samples(encodedInStretches(request, AudioPlanner.plan(ChunkPlanner.plan(12, 25, 2, 4), 12,
                2)));
        float[] source = samples(store.file(late));
        int firstSound = 0;
        while (Math.abs(decoded[firstSound]) < 0.01) {
            firstSound++;
        }
        assertThat(firstSound / 48_000.0).as("where the sound starts, in seconds").isCloseTo(0.5, Offset.offset(0.03));
        double everywhere = rmsError(decoded, source, 48_000, 11 * 48_000);
        assertThat(rmsError(decoded, source, 8 * 48_000 - 1024, 8 * 48_000 + 1024)).as("at the seam at 8 s")
                .isLessThan(3 * everywhere);
    }

    /** The stretches encoded by the activity (2 s segments), joined behind their init segment into one fMP4. */
    private static Path encodedInStretches(TranscodeRequest request, List<AudioStretch> stretches) throws IOException {
        List<ChunkOutput> encoded = new ArrayList<>();
        for (AudioStretch stretch : stretches) {
            encoded.add(activities.encodeAudioChunk(new AudioChunkJob(request, stretch, 2)));
        }
        Path folder = store.file(new BlobRef("media", request.tenantId() + "/" + request.uploadId()
                + "/hls/audio/init.mp4")).getParent();
        Path joined = folder.resolve("joined.mp4");
        try (OutputStream out = Files.newOutputStream(joined)) {
            Files.copy(folder.resolve("init.mp4"), out);
            for (Segment segment : joinedSegments(encoded, RenditionOutput.AUDIO).segments()) {
                Files.copy(folder.resolve(segment.file()), out);
            }
        }
        return joined;
    }

    /** The first channel, decoded and resampled to 48 kHz by the shipped ffmpeg, from the file's time zero. */
    private static float[] samples(Path media) throws IOException {
        Path raw = Files.createTempFile(root, "samples-", ".raw");
        FFMPEG.run(List.of("-y", "-i", media.toString(), "-map", "0:a:0", "-af", "aresample=async=1:first_pts=0",
                "-ac", "1", "-ar", "48000", "-f", "f32le", raw.toString()));
        java.nio.FloatBuffer floats = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] samples = new float[floats.remaining()];
        floats.get(samples);
        return samples;
    }

    private static double rmsError(float[] decoded, float[] source, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (decoded[i] - source[i]) * (decoded[i] - source[i]);
        }
        return Math.sqrt(sum / (to - from));
    }

    /** The first sample of a run of 5 ms below -40 dB from {@code from} to {@code end}, or -1. */
    private static int quietRun(float[] samples, int from, int end) {
        int quiet = 0;
        for (int i = from; i < end; i++) {
            quiet = Math.abs(samples[i]) < 0.01 ? quiet + 1 : 0;
            if (quiet >= 240) {
                return i - 239;
            }
        }
        return -1;
    }

    /**
     * A long video's storyboard takes each tile from the first frame of the segment starting at its time, instead of
     * decoding the whole rendition: on the same video, with tiles on segment starts, both ways draw the same sheet.
     */
    @Test
    void tilesFromSegmentStartsDrawTheSameSheetAsDecodingTheWholeRendition() throws IOException {
        uploads.create(Upload.awaitingUpload("u4", "t1", "source.mp4", "video/mp4", 1, SOURCE, "c4", Instant.EPOCH,
                Instant.EPOCH).startValidating(Instant.EPOCH).startProcessing(new MediaInfo(9, 1280, 720, 30, true, 0),
                Instant.EPOCH));
        TranscodeRequest request = new TranscodeRequest("u4", "t1", SOURCE, "c4");
        Rung lowest = plan.get(plan.size() - 1);
        ChunkOutput encoded = activities.encodeChunk(new ChunkJob(request, ChunkPlanner.plan(9, 30, 2, 20).get(0),
                List.of(lowest), 2));
        activities.writePlaylists(new PlaylistsJob(request, List.of(lowest), encoded.rungs(), 2, false));
        RenditionPackager packager = new RenditionPackager(store, FFMPEG, new BlobLayout("uploads", "media"));

        StoryboardOutput whole = packager.writeStoryboard(new StoryboardJob(request, lowest.name(),
                new Storyboard(9, 2, 160, 90, false)));
        BufferedImage decodedWhole = ImageIO.read(store.file(whole.sprites().get(0).blob()).toFile());
        StoryboardOutput fromStarts = packager.writeStoryboard(new StoryboardJob(request, lowest.name(),
                new Storyboard(9, 2, 160, 90, true)));
        BufferedImage fromSegments = ImageIO.read(store.file(fromStarts.sprites().get(0).blob()).toFile());

        assertThat(fromStarts.sprites()).hasSize(1);
        assertThat(fromSegments.getWidth()).isEqualTo(1600);
        assertThat(fromSegments.getHeight()).isEqualTo(900);
        double largest = 0;
        for (int tile = 0; tile < 5; tile++) {
            double difference = meanDifference(decodedWhole, fromSegments, tile);
            assertThat(difference).as("tile %d, in grey levels", tile).isLessThan(3);
            largest = Math.max(largest, difference);
        }
        // The picture moves: tiles two seconds apart differ far more than the same tile drawn both ways.
        assertThat(meanDifference(decodedWhole, fromSegments, 0, 1)).isGreaterThan(3 * largest);
        assertThat(meanDifference(decodedWhole, fromSegments, 5)).as("the sixth place is empty in both")
                .isLessThan(1);
    }

    /** The mean absolute difference of two sheets' tile {@code tile}, over the red, green and blue levels. */
    private static double meanDifference(BufferedImage a, BufferedImage b, int tile) {
        return meanDifference(a, b, tile, tile);
    }

    private static double meanDifference(BufferedImage a, BufferedImage b, int tileOfA, int tileOfB) {
        long sum = 0;
        for (int y = 0; y < 90; y++) {
            for (int x = 0; x < 160; x++) {
                int p = a.getRGB(tileOfA % 10 * 160 + x, tileOfA / 10 * 90 + y);
                int q = b.getRGB(tileOfB % 10 * 160 + x, tileOfB / 10 * 90 + y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF));
                }
            }
        }
        return sum / (160.0 * 90 * 3);
    }

    @Test
    void aChunkOfAnUploadNoLongerProcessingEncodesNothing() {
        InMemoryUploadRepository none = new InMemoryUploadRepository();
        TranscodeActivities orphaned = new TranscodeActivities(store, new FfmpegMediaProbe(store, FFMPEG), none,
                slots(none), FFMPEG, new BlobLayout("uploads", "media"), Clock.systemUTC(), Telemetry.none());
        TranscodeRequest gone = new TranscodeRequest("u9", "t1", SOURCE, "c9");

        ChunkOutput output = orphaned.encodeChunk(new ChunkJob(gone, ChunkPlanner.plan(9, 30, 2, 4).get(0), plan, 2));

        assertThat(output.rungs()).isEmpty();
        assertThat(store.file(new BlobRef("media", "t1/u9"))).doesNotExist();
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
        ChunkOutput output = activities.encodeChunk(new ChunkJob(portrait, ChunkPlanner.plan(3, 30, 4, 20).get(0),
                List.of(top), 4));
        Path folder = store.file(new BlobRef("media", "t1/u1/hls/" + top.name() + "/init.mp4")).getParent();
        Path joined = folder.resolve("portrait.mp4");
        try (OutputStream out = Files.newOutputStream(joined)) {
            Files.copy(folder.resolve("init.mp4"), out);
            for (Segment segment : output.rungs().get(0).segments()) {
                Files.copy(folder.resolve(segment.file()), out);
            }
        }
        MediaInfo encoded = new FfmpegMediaProbe(store, FFMPEG).probeUrl(joined.toUri().toString());
        assertThat(encoded.width()).isEqualTo(406);
        assertThat(encoded.height()).isEqualTo(720);
    }

    @Test
    void thumbnailsAreJpegsOfTheRequestedSizeTheFirstBeingTheMainOne() throws IOException {
        ThumbnailOutput[] stills = activities.createThumbnails(new ThumbnailJob(REQUEST, 640, 360, List.of(1.0, 4.5, 8.0)));

        assertThat(stills).extracting(still -> still.blob().name()).containsExactly("t1/u1/thumbnail.jpg",
                "t1/u1/thumbnail-2.jpg", "t1/u1/thumbnail-3.jpg", "t1/u1/poster.jpg");
        assertThat(stills).extracting(ThumbnailOutput::poster).containsExactly(false, false, false, true);
        for (ThumbnailOutput still : stills) {
            byte[] jpeg = Files.readAllBytes(store.file(still.blob()));
            assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
            BufferedImage image = ImageIO.read(store.file(still.blob()).toFile());
            assertThat(image.getWidth()).as("the poster is for lists: 480 wide").isEqualTo(still.poster() ? 480 : 640);
            assertThat(image.getHeight()).isEqualTo(still.poster() ? 270 : 360);
        }
    }

    private static RungSegments joinedSegments(List<ChunkOutput> chunks, Rung rung) {
        return joinedSegments(chunks, rung.name());
    }

    private static RungSegments joinedSegments(List<ChunkOutput> chunks, String rendition) {
        List<Segment> segments = new ArrayList<>();
        long initBytes = 0;
        for (ChunkOutput chunk : chunks) {
            for (RungSegments part : chunk.rungs()) {
                if (part.rung().equals(rendition)) {
                    segments.addAll(part.segments());
                    initBytes += part.initBytes();
                }
            }
        }
        return new RungSegments(rendition, initBytes, segments);
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

    /** The {@code tfdt} of a segment's (single) fragment: where players place it on the timeline. */
    private static long decodeTime(Path segment) throws IOException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(segment));
        for (int at = 0; at + 16 < bytes.limit(); at++) {
            if (bytes.get(at) == 't' && bytes.get(at + 1) == 'f' && bytes.get(at + 2) == 'd' && bytes.get(at + 3) == 't') {
                return bytes.get(at + 4) == 1 ? bytes.getLong(at + 8) : Integer.toUnsignedLong(bytes.getInt(at + 8));
            }
        }
        throw new IllegalStateException("no tfdt in " + segment);
    }

    private static TranscodeSlots slots(InMemoryUploadRepository uploads) {
        return new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads, new FairUseLimits(3, 0), Clock.systemUTC());
    }
}
