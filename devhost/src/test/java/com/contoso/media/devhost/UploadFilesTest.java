package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.storage.BlobRef;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.Upload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed local runtime finds its records, with their unpublished events, when it starts again. */
class UploadFilesTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    @TempDir
    Path data;

    @Test
    void unpublishedEventsSurviveARestartAndPublishedOnesStayPublished() {
        InMemoryUploadRepository before = UploadFiles.open(data);
        Upload created = before.create(Upload.awaitingUpload("u1", "t", "a.pdf", "application/pdf", 10,
                new BlobRef("uploads", "t/u1/a.pdf"), "corr", T, T.plusSeconds(900)));
        before.pending(10).forEach(before::remove);
        Upload accepted = before.replace(before.replace(created.startValidating(T)).succeed(List.of(), T));

        InMemoryUploadRepository after = UploadFiles.open(data);

        assertThat(after.find("t", "u1")).contains(accepted);
        assertThat(after.pending(10)).extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_ACCEPTED);
    }

    @Test
    void aRecordWrittenBeforeTheOutboxExistedLoadsWithNothingPending() throws Exception {
        Upload legacy = Upload.awaitingUpload("u2", "t", "a.pdf", "application/pdf", 10,
                new BlobRef("uploads", "t/u2/a.pdf"), "corr", T, T.plusSeconds(900)).withEtag("\"e1\"");
        Files.createDirectories(data.resolve("t"));
        Files.writeString(data.resolve("t/u2.json"), Json.write(legacy));

        InMemoryUploadRepository loaded = UploadFiles.open(data);

        assertThat(loaded.find("t", "u2")).contains(legacy);
        assertThat(loaded.pending(10)).isEmpty();
    }
}
