package com.contoso.media.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.BlobStaging;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.testing.MovableClock;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The importer against an in-memory record store, staged blocks kept in maps, and a scripted source: how a fetch
 * is sliced, resumed, restarted, cut off and ended, without a network or storage.
 */
class SourceImporterTest {

    private static final int BLOCK = 64 * 1024;
    private static final BlobRef INBOX = new BlobRef("uploads", "t1/u1/film.mp4");
    private static final String URL = "https://files.example.com/film.mp4";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    private final Staging staging = new Staging();
    private final Source source = new Source();
    private final List<Instant> queued = new ArrayList<>();
    private final ImportSettings settings = new ImportSettings(Duration.ofMinutes(60), 1000, Duration.ofSeconds(30),
            Duration.ofSeconds(20), BLOCK, 3, Duration.ofSeconds(5), Set.of(443), false, Optional.empty());
    private final SourceImporter importer = new SourceImporter(uploads, mock(MediaStore.class), staging, source,
            (message, at) -> queued.add(at), settings,
            new OutboundUrlGuard(OutboundUrlGuard.Purpose.SOURCE, false, Set.of(443),
                    host -> List.of(InetAddress.getByName("52.1.2.3"))), 10 * BLOCK, clock);

    @Test
    void aWholeFileIsStagedInBlocksAndCommittedOnceWithItsSizeRecorded() {
        source.file = bytes(3 * BLOCK + 100);
        create(Optional.empty());

        importer.handle(message());

        assertThat(staging.committed).isEqualTo(source.file);
        assertThat(staging.commits).isEqualTo(1);
        Upload upload = record();
        assertThat(upload.sizeBytes()).isEqualTo(source.file.length);
        assertThat(upload.sourceImport().orElseThrow().bytesReceived()).isEqualTo(source.file.length);
        assertThat(upload.sourceImport().orElseThrow().leaseHolder()).isEmpty();
    }

    @Test
    void aSliceThatRunsOutOfTimeHandsOnAndTheNextResumesWithARangeFromItsBlocks() {
        source.file = bytes(5 * BLOCK);
        source.secondsPerRead = 15;
        create(Optional.empty());

        importer.handle(message());
        assertThat(staging.commits).isZero();
        assertThat(queued).as("the next slice is asked for at once").containsExactly(clock.instant());
        long staged = staging.stagedBytes(0);
        assertThat(staged).isPositive().isLessThan(source.file.length);

        for (int slice = 0; slice < 20 && staging.commits == 0; slice++) {
            importer.handle(message());
        }

        assertThat(source.offsets.get(1)).isEqualTo(staged);
        assertThat(source.offsets).isSorted();
        assertThat(staging.committed).isEqualTo(source.file);
    }

    @Test
    void aSecondDeliveryFindsTheLeaseHeldAndLooksAgainWhenItEnds() {
        source.file = bytes(BLOCK);
        create(Optional.empty());
        Instant leaseEnd = clock.instant().plusSeconds(90);
        uploads.update("t1", "u1", current -> current.withSourceImport(current.sourceImport().orElseThrow()
                .leasedTo("another", leaseEnd)));

        importer.handle(message());

        assertThat(source.offsets).isEmpty();
        assertThat(queued).containsExactly(leaseEnd);
    }

    @Test
    void aSourceThatIgnoresTheRangeStartsOverUnderANewGenerationAndNoOldBlockIsCounted() {
        source.file = bytes(2 * BLOCK + 10);
        source.ranges = false;
        create(Optional.empty());
        staging.stageBlock(INBOX, 0, 0, bytes(BLOCK), BLOCK);

        importer.handle(message());

        assertThat(source.offsets).containsExactly((long) BLOCK);
        assertThat(staging.committedGeneration).isEqualTo(1);
        assertThat(staging.committed).isEqualTo(source.file);
    }

    @Test
    void aSourcePastTheDeclaredSizeIsCutOffAndRejected() {
        source.file = bytes(8 * BLOCK);
        source.sendsLength = false;
        create(Optional.of(2L * BLOCK));

        importer.handle(message());

        Upload upload = record();
        assertThat(upload.status()).isEqualTo(UploadStatus.Rejected);
        assertThat(upload.error().orElseThrow().code()).isEqualTo("source_too_large");
        assertThat(staging.commits).isZero();
        assertThat(source.bytesRead).as("read stops just past the cap").isLessThanOrEqualTo(3L * BLOCK);
    }

    @Test
    void aServerErrorIsTriedAgainWithBackoffThenRejectedWithItsStatus() {
        source.status = 503;
        create(Optional.empty());

        importer.handle(message());
        importer.handle(message());
        assertThat(queued).hasSize(2);
        assertThat(Duration.between(clock.instant(), queued.get(1))).isEqualTo(Duration.ofSeconds(10));
        importer.handle(message());

        Upload upload = record();
        assertThat(upload.status()).isEqualTo(UploadStatus.Rejected);
        assertThat(upload.error().orElseThrow().code()).isEqualTo("source_http_error");
        assertThat(upload.error().orElseThrow().message()).contains("503");
    }

    @Test
    void anImportPastItsDeadlineEndsStalledWithoutFetching() {
        source.file = bytes(BLOCK);
        create(Optional.empty());
        clock.advance(Duration.ofMinutes(61));

        importer.handle(message());

        assertThat(record().error().orElseThrow().code()).isEqualTo("source_stalled");
        assertThat(source.offsets).isEmpty();
    }

    @Test
    void aDeletedUploadIsNeitherFetchedNorCommitted() {
        source.file = bytes(BLOCK);
        create(Optional.empty());
        uploads.update("t1", "u1", current -> current.delete(clock.instant()));

        importer.handle(message());

        assertThat(source.offsets).isEmpty();
        assertThat(staging.commits).isZero();
    }

    private void create(Optional<Long> declared) {
        SourceImport imported = SourceImport.of(URL, declared, clock.instant().plus(settings.timeLimit()));
        uploads.create(Upload.importing("u1", "t1", "film.mp4", "video/mp4", imported, INBOX, "c1",
                clock.instant(), importer.expiryOf(imported)));
    }

    private Upload record() {
        return uploads.find("t1", "u1").orElseThrow();
    }

    private static String message() {
        return new ImportMessage("t1", "u1").toJson();
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    /** Blocks by generation and index, as storage keeps uncommitted blocks; the committed blob's bytes. */
    private static final class Staging implements BlobStaging {
        private final Map<Integer, TreeMap<Integer, byte[]>> blocks = new HashMap<>();
        byte[] committed;
        int committedGeneration = -1;
        int commits;

        long stagedBytes(int generation) {
            return blocks.getOrDefault(generation, new TreeMap<>()).values().stream().mapToLong(b -> b.length).sum();
        }

        @Override
        public Map<Integer, Long> stagedBlocks(BlobRef blob, int generation) {
            Map<Integer, Long> sizes = new HashMap<>();
            blocks.getOrDefault(generation, new TreeMap<>()).forEach((index, b) -> sizes.put(index, (long) b.length));
            return sizes;
        }

        @Override
        public void stageBlock(BlobRef blob, int generation, int index, byte[] bytes, int length) {
            blocks.computeIfAbsent(generation, g -> new TreeMap<>()).put(index, Arrays.copyOf(bytes, length));
        }

        @Override
        public void commitBlocks(BlobRef blob, int generation, int count, String contentType,
                                 Map<String, String> metadata) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (int index = 0; index < count; index++) {
                whole.writeBytes(blocks.get(generation).get(index));
            }
            committed = whole.toByteArray();
            committedGeneration = generation;
            commits++;
        }
    }

    /** A file host: answers from {@code file}, with or without ranges and a length; each read may take time. */
    private final class Source implements SourceClient {
        byte[] file = new byte[0];
        int status = 200;
        boolean ranges = true;
        boolean sendsLength = true;
        int secondsPerRead;
        long bytesRead;
        final List<Long> offsets = new ArrayList<>();

        @Override
        public Answer open(URI url, long offset, Optional<String> validator) {
            offsets.add(offset);
            boolean partial = ranges && offset > 0;
            long start = partial ? offset : 0;
            InputStream body = new ByteArrayInputStream(file, (int) start, file.length - (int) start) {
                @Override
                public synchronized int read(byte[] into, int at, int length) {
                    clock.advance(Duration.ofSeconds(secondsPerRead));
                    int read = super.read(into, at, Math.min(length, 16 * 1024));
                    bytesRead += Math.max(0, read);
                    return read;
                }
            };
            return new Answer() {
                public int status() {
                    return status != 200 ? status : partial ? 206 : 200;
                }

                public long startOffset() {
                    return start;
                }

                public Optional<Long> totalBytes() {
                    return sendsLength ? Optional.of((long) file.length) : Optional.empty();
                }

                public boolean acceptsRanges() {
                    return ranges;
                }

                public Optional<String> validator() {
                    return Optional.of("\"v1\"");
                }

                public InputStream body() {
                    return body;
                }

                public void close() {
                }
            };
        }
    }
}
