package com.contoso.media.jobs;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/** Upload records in each state, written at a chosen time, and a clock the test moves. */
public final class JobFixtures {

    public final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    public Instant now = Instant.parse("2026-06-01T12:00:00Z");
    public final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    /** The defaults, with {@code batchSize} uploads or dead letters per run. */
    public static JobSettings settings(int batchSize) {
        return new JobSettings(batchSize, Duration.ofMinutes(15), Duration.ofMinutes(10), 3, 50, 3,
                Duration.ofMinutes(60), Duration.ofDays(14), Duration.ofMinutes(60));
    }

    public Upload awaiting(Duration ago) {
        String id = UUID.randomUUID().toString();
        Instant at = now.minus(ago);
        return uploads.create(Upload.awaitingUpload(id, "t1", "f.mp4", "video/mp4", 10,
                new BlobRef("uploads", "t1/" + id + "/f.mp4"), "c-" + id, at, at.plus(Duration.ofMinutes(15))));
    }

    public Upload processing(Duration ago) {
        Upload upload = awaiting(ago);
        Instant at = now.minus(ago);
        return uploads.update("t1", upload.id(), u -> u.startValidating(at)
                .startProcessing(new MediaInfo(10, 1280, 720, 30, true, 0), at)).orElseThrow();
    }

    public Upload validating(Duration ago) {
        Upload upload = awaiting(ago);
        return uploads.update("t1", upload.id(), u -> u.startValidating(now.minus(ago))).orElseThrow();
    }

    public Upload reload(Upload upload) {
        return uploads.find(upload.tenantId(), upload.id()).orElseThrow();
    }
}
