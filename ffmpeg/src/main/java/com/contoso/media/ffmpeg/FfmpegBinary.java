package com.contoso.media.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where the ffmpeg executable is. Functions hosts have none, so the app carries the static build from
 * jave-nativebin and extracts it itself, before first use, into a folder only this user can write: written to a
 * temporary name, made executable by a file-system call (not a {@code chmod} process that might still be running
 * when ffmpeg first starts), then moved into place atomically. A later process of the same build finds it there.
 * {@code FFMPEG_PATH} names another binary instead.
 */
public final class FfmpegBinary {

    static final String BUNDLED_RESOURCE = "ws/schild/jave/nativebin/ffmpeg-amd64";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final long VERSION_CHECK_SECONDS = 10;

    private final Optional<Path> configured;
    private Path executable;
    private volatile boolean usable;

    private FfmpegBinary(Optional<Path> configured) {
        this.configured = configured;
    }

    /**
     * {@code configured} ({@code FFMPEG_PATH}) when set, else the bundled build, extracted on first use: a process
     * that cannot extract it still starts, and its health endpoint says why.
     */
    public static FfmpegBinary resolve(Optional<String> configured) {
        return new FfmpegBinary(configured.map(Path::of));
    }

    /** @throws FfmpegUnavailableException when the bundled build cannot be extracted */
    public synchronized Path path() {
        if (executable == null) {
            try {
                executable = configured.orElseGet(FfmpegBinary::extractBundled);
            } catch (UncheckedIOException e) {
                throw new FfmpegUnavailableException("the bundled ffmpeg could not be extracted: "
                        + e.getCause().getMessage());
            }
        }
        return executable;
    }

    /**
     * Throws {@link FfmpegUnavailableException} unless the binary runs and says it is ffmpeg. Once it has, the
     * answer is kept: the health endpoint asks often and the file does not change under a running process.
     */
    public void checkUsable() {
        if (usable) {
            return;
        }
        try {
            Process process = new ProcessBuilder(path().toString(), "-hide_banner", "-version")
                    .redirectErrorStream(true).start();
            byte[] head = process.getInputStream().readNBytes(64);
            if (!process.waitFor(VERSION_CHECK_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new FfmpegUnavailableException("ffmpeg -version did not answer within "
                        + VERSION_CHECK_SECONDS + " s");
            }
            if (process.exitValue() != 0 || !new String(head, StandardCharsets.UTF_8).startsWith("ffmpeg version")) {
                throw new FfmpegUnavailableException("ffmpeg -version exited with " + process.exitValue());
            }
            usable = true;
        } catch (IOException e) {
            throw new FfmpegUnavailableException("ffmpeg could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegUnavailableException("interrupted while checking ffmpeg");
        }
    }

    private static Path extractBundled() {
        URL resource = FfmpegBinary.class.getClassLoader().getResource(BUNDLED_RESOURCE);
        if (resource == null) {
            throw new FfmpegUnavailableException("the bundled ffmpeg is not on the class path");
        }
        try {
            URLConnection connection = resource.openConnection();
            long size = connection.getContentLengthLong();
            Path folder = privateFolder();
            // The jar's path names its version; with the size, that tells one build from another.
            Path target = folder.resolve("ffmpeg-" + digest(resource + "#" + size));
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size
                    && Files.isExecutable(target)) {
                return target;
            }
            Path partial = Files.createTempFile(folder, "ffmpeg-", ".partial");
            try (InputStream in = connection.getInputStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(partial, OWNER_ONLY);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract the bundled ffmpeg", e);
        }
    }

    /**
     * One folder per user under the temp folder, writable by that user alone. If someone else made it first (or
     * made it writable to others), a fresh private folder is used instead: nobody else may swap the binary.
     */
    private static Path privateFolder() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "media-backend-ffmpeg-"
                + System.getProperty("user.name"));
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            // Checked below.
        }
        boolean ours = Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))
                && Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
        return ours ? folder : Files.createTempDirectory("media-backend-ffmpeg-");
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** There is no ffmpeg this process can run: a fault of the deployment, never of an upload. */
    public static final class FfmpegUnavailableException extends RuntimeException {
        public FfmpegUnavailableException(String message) {
            super(message);
        }
    }
}
