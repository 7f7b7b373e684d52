package com.contoso.media.ffmpeg;

import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import com.contoso.media.intake.MediaProbe;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.MediaInfo;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import ws.schild.jave.EncoderException;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.info.MultimediaInfo;
import ws.schild.jave.info.VideoInfo;
import ws.schild.jave.process.ProcessLocator;
import ws.schild.jave.process.ProcessWrapper;
import ws.schild.jave.process.ffmpeg.FFMPEGProcess;

/**
 * Probes with ffmpeg through the loopback endpoint (see {@link LoopbackBlobServer}): jave parses what
 * {@code ffmpeg -i} prints, and every probe is killed at its time limit, so a hostile container cannot hold an
 * intake for long.
 */
public final class FfmpegMediaProbe implements MediaProbe {

    private static final ScheduledExecutorService KILLER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ffmpeg-probe-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final MediaStore store;
    private final Ffmpeg ffmpeg;

    /** {@code ffmpeg} with the probe's time limit ({@code PROBE_TIMEOUT_SECONDS}). */
    public FfmpegMediaProbe(MediaStore store, Ffmpeg ffmpeg) {
        this.store = store;
        this.ffmpeg = ffmpeg;
    }

    /**
     * @throws FfmpegBinary.FfmpegUnavailableException when no ffmpeg can run here: a fault of the deployment that
     *                                                 intake retries, never a verdict on the upload
     */
    @Override
    public MediaInfo probe(BlobRef source) {
        checkReady();
        try (ServedBlob served = ffmpeg.serve(store, source)) {
            try {
                return probeUrl(served.url());
            } catch (UnreadableMediaException | ProbeTimedOutException e) {
                served.requireReadable();
                throw e;
            }
        }
    }

    /** Probes a URL ffmpeg can read by itself: a loopback one, or a {@code file:} URL in tests and benchmarks. */
    public MediaInfo probeUrl(String url) {
        AtomicBoolean timedOut = new AtomicBoolean();
        MultimediaInfo info;
        try {
            // jave only takes a locator with a File; setURL makes it read from the URL instead.
            MultimediaObject media = new MultimediaObject(new File("unused"), timed(timedOut));
            media.setURL(new URL(url));
            info = media.getInfo();
        } catch (EncoderException e) {
            if (timedOut.get()) {
                throw new ProbeTimedOutException(ffmpeg.timeLimit());
            }
            throw new UnreadableMediaException(firstLine(e.getMessage()), e);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL", e);
        }
        if (timedOut.get()) {
            throw new ProbeTimedOutException(ffmpeg.timeLimit());
        }
        VideoInfo video = info.getVideo();
        if (video == null || video.getSize() == null) {
            return new MediaInfo(info.getDuration() / 1000.0, 0, 0, 0, info.getAudio() != null, 0);
        }
        int rotation = rotation(video);
        boolean sideways = rotation == 90 || rotation == 270;
        int width = video.getSize().getWidth();
        int height = video.getSize().getHeight();
        return new MediaInfo(info.getDuration() / 1000.0, sideways ? height : width, sideways ? width : height,
                video.getFrameRate(), info.getAudio() != null, rotation);
    }

    /**
     * Seeks to {@code atSeconds} and decodes one frame of the first video stream into a checksum line
     * ({@code framecrc}): no frame there means the container claims more than it holds.
     */
    @Override
    public boolean decodesVideoAt(BlobRef source, double atSeconds) {
        checkReady();
        try (ServedBlob served = ffmpeg.serve(store, source)) {
            try {
                String frames = ffmpeg.runForOutput(List.of("-ss", String.format(Locale.ROOT, "%.3f", atSeconds),
                        "-i", served.url(), "-map", "0:v:0", "-frames:v", "1", "-f", "framecrc", "-"));
                return frames.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"));
            } catch (Ffmpeg.FfmpegTimeoutException e) {
                throw new ProbeTimedOutException(e.limit());
            } catch (Ffmpeg.FfmpegException e) {
                served.requireReadable();
                return false;
            }
        }
    }

    @Override
    public void checkReady() {
        ffmpeg.binary().checkUsable();
    }

    /** A locator whose processes are killed at the probe's time limit; {@code timedOut} tells the caller why. */
    private ProcessLocator timed(AtomicBoolean timedOut) {
        String executable = ffmpeg.binary().path().toString();
        Duration limit = ffmpeg.timeLimit();
        return new ProcessLocator() {
            @Override
            public String getExecutablePath() {
                return executable;
            }

            @Override
            public ProcessWrapper createExecutor() {
                return new FFMPEGProcess(executable) {
                    private ScheduledFuture<?> kill;

                    @Override
                    public void execute(boolean destroyOnRuntimeShutdown, boolean openIOStreams) throws IOException {
                        super.execute(destroyOnRuntimeShutdown, openIOStreams);
                        kill = KILLER.schedule(() -> {
                            timedOut.set(true);
                            destroy();
                        }, limit.toMillis(), TimeUnit.MILLISECONDS);
                    }

                    @Override
                    public void destroy() {
                        if (kill != null) {
                            kill.cancel(false);
                        }
                        super.destroy();
                    }
                };
            }
        };
    }

    /** The stream's rotate tag (what phones write), normalised to 0, 90, 180 or 270. */
    private static int rotation(VideoInfo video) {
        String tag = video.getMetadata() == null ? null : video.getMetadata().get("rotate");
        if (tag == null) {
            return 0;
        }
        try {
            return Math.floorMod(Math.round(Float.parseFloat(tag.trim()) / 90f) * 90, 360);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String message) {
        return message == null ? "ffmpeg could not read the file" : message.lines().findFirst().orElse(message);
    }
}
