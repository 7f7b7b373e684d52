package com.contoso.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.config.Settings;
import com.contoso.media.intake.MediaProbe;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.MediaInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped ffmpeg reading blobs through the loopback endpoint: probes, seeks, the end of the file. */
class FfmpegOverLoopbackTest {

    private static final Ffmpeg FFMPEG = Ffmpeg.fromSettings(new Settings(Map.of()), Duration.ofMinutes(1));
    private static final BlobRef CLIP = new BlobRef("media", "t1/u1/original/clip.mp4");

    @TempDir
    static Path dir;
    private static final BytesMediaStore STORE = new BytesMediaStore();
    private static byte[] clip;

    @BeforeAll
    static void generateASixSecondClip() throws IOException {
        Path file = dir.resolve("clip.mp4");
        FFMPEG.run(List.of("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440", "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", file.toString()));
        clip = Files.readAllBytes(file);
        STORE.put(CLIP, clip);
    }

    @Test
    void theProbeOverLoopbackReadsWhatTheFileHolds() {
        FfmpegMediaProbe probe = new FfmpegMediaProbe(STORE, FFMPEG);

        MediaInfo media = probe.probe(CLIP);

        assertThat(media.width()).isEqualTo(640);
        assertThat(media.height()).isEqualTo(360);
        assertThat(media.durationSeconds()).isCloseTo(6.0, Offset.offset(0.1));
        assertThat(media.hasAudio()).isTrue();
        assertThat(media).isEqualTo(probe.probeUrl(dir.resolve("clip.mp4").toUri().toString()));
    }

    @Test
    void seekingNearTheEndFindsAFrameAndPastTheEndFindsNone() {
        FfmpegMediaProbe probe = new FfmpegMediaProbe(STORE, FFMPEG);

        assertThat(probe.decodesVideoAt(CLIP, 0)).isTrue();
        assertThat(probe.decodesVideoAt(CLIP, 4.0)).isTrue();
        assertThat(probe.decodesVideoAt(CLIP, 5.9)).isTrue();
        assertThat(probe.decodesVideoAt(CLIP, 30)).isFalse();
    }

    @Test
    void aStillAtTheLastSecondIsCutThroughRangeReads() throws IOException {
        Path jpeg = dir.resolve("last.jpg");
        try (LoopbackBlobServer.ServedBlob source = FFMPEG.serve(STORE, CLIP)) {
            FFMPEG.run(List.of("-ss", "5.5", "-i", source.url(), "-frames:v", "1", jpeg.toString()));
        }

        assertThat(Files.size(jpeg)).isPositive();
    }

    @Test
    void aSourceThatNeverAnswersIsStoppedAtTheProbesTimeLimit() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(60_000);
                } catch (IOException | InterruptedException e) {
                    // The test is over.
                }
            });
            accept.setDaemon(true);
            accept.start();
            FfmpegMediaProbe probe = new FfmpegMediaProbe(STORE, FFMPEG.withTimeLimit(Duration.ofSeconds(1)));

            assertThatThrownBy(() -> probe.probeUrl("http://127.0.0.1:" + silent.getLocalPort() + "/x.mp4"))
                    .isInstanceOfSatisfying(MediaProbe.ProbeTimedOutException.class,
                            e -> assertThat(e.limit()).isEqualTo(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aFailureKeepsStderrsTailWithTheSignatureTakenOut() {
        assertThatThrownBy(() -> FFMPEG.run(List.of("-i", "http://127.0.0.1:1/x.mp4?sv=2025-11-05&sig=S3cr3t%3D",
                "-f", "null", "-")))
                .isInstanceOf(Ffmpeg.FfmpegException.class)
                .hasMessageContaining("sig=REDACTED")
                .hasMessageNotContaining("S3cr3t");
    }

    @Test
    void garbageIsUnreadableNotATimeout() {
        STORE.put(new BlobRef("media", "t1/u3/original/junk.mp4"), "not a video at all".repeat(100).getBytes());
        FfmpegMediaProbe probe = new FfmpegMediaProbe(STORE, FFMPEG);

        assertThatThrownBy(() -> probe.probe(new BlobRef("media", "t1/u3/original/junk.mp4")))
                .isInstanceOf(MediaProbe.UnreadableMediaException.class);
    }

    @Test
    void aStorageRefusalDuringAProbeIsOursNotTheFilesAndLeavesNoSignatureInWhatIsThrownOrLogged() {
        BlobRef refused = new BlobRef("media", "t1/u4/original/refused.mp4");
        BytesMediaStore forbidding = new BytesMediaStore() {
            @Override
            public void readRange(BlobRef blob, String etag, long offset, long count, java.io.OutputStream out) {
                throw new IllegalStateException("Status code 403, AuthorizationFailure: GET https://acct.blob.core"
                        + ".windows.net/media/t1/u4/original/refused.mp4?sv=2025-11-05&sr=b&sp=r&sig=S3cr3t%3D");
            }
        };
        forbidding.put(refused, clip);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("ROOT");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            FfmpegMediaProbe probe = new FfmpegMediaProbe(forbidding, FFMPEG);

            // Our fault, not the file's: intake retries instead of rejecting the upload as unreadable.
            assertThatThrownBy(() -> probe.probe(refused))
                    .isInstanceOf(LoopbackBlobServer.SourceUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("403", "sig=REDACTED")
                            .doesNotContain("S3cr3t"));
            assertThatThrownBy(() -> probe.decodesVideoAt(refused, 1))
                    .isInstanceOf(LoopbackBlobServer.SourceUnavailableException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cr3t"));
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).as("the refusal was logged").isNotEmpty().allSatisfy(event ->
                assertThat(event.getFormattedMessage()).doesNotContain("S3cr3t"));
        assertThat(logs.list).anySatisfy(event ->
                assertThat(event.getFormattedMessage()).contains("403", "sig=REDACTED"));
    }
}
