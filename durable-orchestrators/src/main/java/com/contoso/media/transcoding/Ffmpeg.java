package com.contoso.media.transcoding;

import com.contoso.media.intake.FfmpegMediaProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the static ffmpeg shipped in jave-nativebin (or {@code FFMPEG_PATH}). A failure carries the tail of
 * ffmpeg's stderr, which is where it says what went wrong; a run past its time limit is killed.
 */
public final class Ffmpeg {

    private static final int STDERR_TAIL_LINES = 15;

    private final String executable;
    private final Duration timeLimit;

    public Ffmpeg(Optional<String> ffmpegPath, Duration timeLimit) {
        this.executable = FfmpegMediaProbe.executable(ffmpegPath);
        this.timeLimit = timeLimit;
    }

    /** How long one run may take: a URL ffmpeg reads from must stay valid at least this long. */
    public Duration timeLimit() {
        return timeLimit;
    }

    public void run(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(executable, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start ffmpeg at " + executable, e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread drain = new Thread(() -> keepTail(process, tail), "ffmpeg-stderr");
        drain.start();
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FfmpegException("ffmpeg ran longer than " + timeLimit + " and was stopped");
            }
            drain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FfmpegException("ffmpeg was interrupted");
        }
        if (process.exitValue() != 0) {
            synchronized (tail) {
                throw new FfmpegException("ffmpeg exited with " + process.exitValue() + ": " + String.join(" | ", tail));
            }
        }
    }

    private static void keepTail(Process process, Deque<String> tail) {
        try (BufferedReader stderr = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = stderr.readLine(); line != null; line = stderr.readLine()) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // The process ended; whatever was read is the tail.
        }
    }

    public static final class FfmpegException extends RuntimeException {
        public FfmpegException(String message) {
            super(message);
        }
    }
}
