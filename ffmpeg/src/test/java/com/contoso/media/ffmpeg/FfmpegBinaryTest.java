package com.contoso.media.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.ffmpeg.FfmpegBinary.FfmpegUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegBinaryTest {

    @TempDir
    Path dir;

    @Test
    void theBundledBuildIsExtractedExecutableIntoAFolderOnlyItsUserCanWrite() throws IOException {
        FfmpegBinary binary = FfmpegBinary.resolve(Optional.empty());

        Path executable = binary.path();

        assertThat(Files.isExecutable(executable)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(executable))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(executable.getParent())))
                .isEqualTo("rwx------");
        binary.checkUsable();
        assertThat(FfmpegBinary.resolve(Optional.empty()).path()).as("a second process reuses it").isEqualTo(executable);
    }

    @Test
    void aMissingConfiguredBinaryIsReportedAsUnavailable() {
        FfmpegBinary missing = FfmpegBinary.resolve(Optional.of(dir.resolve("no-ffmpeg").toString()));

        assertThatThrownBy(missing::checkUsable).isInstanceOf(FfmpegUnavailableException.class);
    }

    @Test
    void aProgramThatIsNotFfmpegIsReportedAsUnavailable() throws IOException {
        Path impostor = dir.resolve("ffmpeg");
        Files.writeString(impostor, "#!/bin/sh\necho hello\n");
        Files.setPosixFilePermissions(impostor, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(FfmpegBinary.resolve(Optional.of(impostor.toString()))::checkUsable)
                .isInstanceOf(FfmpegUnavailableException.class).hasMessageContaining("exited with 0");
    }
}
