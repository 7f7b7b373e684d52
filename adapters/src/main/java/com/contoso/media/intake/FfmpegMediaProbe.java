package com.contoso.media.intake;

import com.contoso.media.uploads.MediaInfo;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Optional;
import ws.schild.jave.EncoderException;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.info.MultimediaInfo;
import ws.schild.jave.info.VideoInfo;
import ws.schild.jave.process.ProcessLocator;
import ws.schild.jave.process.ffmpeg.DefaultFFMPEGLocator;

/**
 * Probes with the static ffmpeg shipped by jave-nativebin (Functions hosts have none); {@code FFMPEG_PATH}
 * points at another binary when set.
 */
public final class FfmpegMediaProbe implements MediaProbe {

    private final ProcessLocator ffmpeg;

    public FfmpegMediaProbe(Optional<String> ffmpegPath) {
        String executable = executable(ffmpegPath);
        this.ffmpeg = () -> executable;
    }

    /** {@code FFMPEG_PATH} when set, else the bundled static binary (extracted on first use). */
    public static String executable(Optional<String> ffmpegPath) {
        return ffmpegPath.orElseGet(() -> new DefaultFFMPEGLocator().getExecutablePath());
    }

    @Override
    public MediaInfo probe(String url) {
        MultimediaInfo info;
        try {
            // jave only takes a locator with a File; setURL makes it read from the URL instead.
            MultimediaObject media = new MultimediaObject(new File("unused"), ffmpeg);
            media.setURL(new URL(url));
            info = media.getInfo();
        } catch (EncoderException e) {
            throw new UnreadableMediaException(firstLine(e.getMessage()), e);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
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
