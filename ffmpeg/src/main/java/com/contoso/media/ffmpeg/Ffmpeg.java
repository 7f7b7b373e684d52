package com.contoso.media.ffmpeg;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.LoopbackBlobServer.ServedBlob;
import com.contoso.media.logging.Redaction;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffmpeg: every run has a time limit and a thread budget, reads blobs only through the
 * {@link LoopbackBlobServer}, and fails with the tail of ffmpeg's stderr (where it says what went wrong), redacted,
 * for the logs. One instance per process: it holds the binary and the loopback endpoint.
 */
public final class Ffmpeg {

    private static final int STDERR_TAIL_LINES = 15;
    /** Enough for a few lines of {@code framecrc}; a run that prints more is cut, never held in memory whole. */
    private static final int STDOUT_LIMIT_BYTES = 64 * 1024;

    private final FfmpegBinary binary;
    private final Sources sources;
    private final Duration timeLimit;
    private final int threads;

    private Ffmpeg(FfmpegBinary binary, Sources sources, Duration timeLimit, int threads) {
        this.binary = binary;
        this.sources = sources;
        this.timeLimit = timeLimit;
        this.threads = threads;
    }

    /**
     * From {@code FFMPEG_PATH}, {@code FFMPEG_THREADS} and {@code FFMPEG_CONCURRENT_RUNS}; each run may take
     * {@code timeLimit}. Threads default to the cores shared among the runs one instance makes at once: ffmpeg's
     * own default (every core, for every run) oversubscribes the instance as soon as two activities encode.
     */
    public static Ffmpeg fromSettings(Settings settings, Duration timeLimit) {
        int configured = (int) settings.getLong(AppSetting.FFMPEG_THREADS);
        int runs = (int) Math.max(1, settings.getLong(AppSetting.FFMPEG_CONCURRENT_RUNS));
        int threads = configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / runs);
        return new Ffmpeg(FfmpegBinary.resolve(settings.find(AppSetting.FFMPEG_PATH)), new Sources(), timeLimit,
                threads);
    }

    /** The same binary, endpoint and threads, with another time limit per run. */
    public Ffmpeg withTimeLimit(Duration limit) {
        return new Ffmpeg(binary, sources, limit, threads);
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    /** Threads one run may use; encoders are given it too ({@code -threads} as an output option). */
    public int threads() {
        return threads;
    }

    public FfmpegBinary binary() {
        return binary;
    }

    /** A loopback URL ffmpeg reads {@code blob} from, until the handle is closed. */
    public ServedBlob serve(MediaStore store, BlobRef blob) {
        return sources.server().serve(store, blob);
    }

    public void run(List<String> arguments) {
        execute(arguments, false);
    }

    /**
     * Runs over a served source; when ffmpeg fails because storage did (the blob changed or went), that is what
     * is reported, not ffmpeg's words about a broken input.
     */
    public void runOn(LoopbackBlobServer.ServedBlob source, List<String> arguments) {
        try {
            run(arguments);
        } catch (FfmpegException e) {
            source.requireReadable();
            throw e;
        }
    }

    /** Runs and returns what ffmpeg wrote to stdout (at most 64 KiB), for outputs such as {@code -f framecrc -}. */
    public String runForOutput(List<String> arguments) {
        return execute(arguments, true);
    }

    private String execute(List<String> arguments, boolean keepOutput) {
        List<String> command = new ArrayList<>(List.of(binary.path().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-y"));
        for (String argument : arguments) {
            if (argument.equals("-i")) {
                command.addAll(List.of("-threads", String.valueOf(threads)));
            }
            command.add(argument);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        if (!keepOutput) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new FfmpegBinary.FfmpegUnavailableException("could not start ffmpeg: " + e.getMessage());
        }
        Deque<String> tail = new ArrayDeque<>();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Thread drainErr = drain("ffmpeg-stderr", () -> keepTail(process, tail));
        Thread drainOut = keepOutput ? drain("ffmpeg-stdout", () -> keepHead(process.getInputStream(), stdout)) : null;
        try {
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FfmpegTimeoutException(timeLimit);
            }
            drainErr.join(TimeUnit.SECONDS.toMillis(5));
            if (drainOut != null) {
                drainOut.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FfmpegException("ffmpeg was interrupted");
        }
        if (process.exitValue() != 0) {
            synchronized (tail) {
                throw new FfmpegException("ffmpeg exited with " + process.exitValue() + ": "
                        + Redaction.redact(String.join(" | ", tail)));
            }
        }
        synchronized (stdout) {
            return stdout.toString(StandardCharsets.UTF_8);
        }
    }

    private static Thread drain(String name, Runnable reader) {
        Thread thread = new Thread(reader, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
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

    private static void keepHead(InputStream in, ByteArrayOutputStream head) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                synchronized (head) {
                    head.write(buffer, 0, Math.min(read, Math.max(0, STDOUT_LIMIT_BYTES - head.size())));
                }
            }
        } catch (IOException ignored) {
            // The process ended; whatever was read is the output.
        }
    }

    /** The loopback endpoint, started on the first blob served: a process that never reads a blob binds no port. */
    private static final class Sources {
        private LoopbackBlobServer server;

        synchronized LoopbackBlobServer server() {
            if (server == null) {
                server = LoopbackBlobServer.start();
            }
            return server;
        }
    }

    public static class FfmpegException extends RuntimeException {
        public FfmpegException(String message) {
            super(message);
        }
    }

    /** A run past its time limit, killed. */
    public static final class FfmpegTimeoutException extends FfmpegException {
        private final Duration limit;

        public FfmpegTimeoutException(Duration limit) {
            super("ffmpeg ran longer than " + limit + " and was stopped");
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }
}
