package com.contoso.media.fairuse;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.consistency.OptimisticUpdate.Decision;
import com.contoso.media.http.ProblemException;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fair use of the transcoders per tenant: at most {@link FairUseLimits#maxActive()} videos encoding at once, the
 * rest waiting as {@code Queued} in arrival order, and a daily quota of video minutes. Everything is decided on the
 * tenant's {@link TenantLedger} with conditional writes (read, decide, write if unchanged, else read again), so
 * intakes racing for the last slot or the last minutes cannot both win.
 *
 * <p>Intake {@linkplain #admit admits} a valid video (charging its minutes), the transcode {@linkplain #claim claims}
 * its slot before encoding (moving the upload from {@code Queued} to {@code Processing}) and
 * {@linkplain #release releases} it when it ends, as do a DELETE and the watchdog. Every step is idempotent per
 * upload, so a repeated or resumed step after a crash changes nothing twice. A slot left held by a crash is found by
 * the head of the queue ({@link #claim}) and by the watchdog ({@link #reconcile}), which check the uploads holding
 * slots and free those that ended.
 */
public final class TranscodeSlots {

    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    private static final Logger LOG = LoggerFactory.getLogger(TranscodeSlots.class);
    /** How long a claim waits for intake to finish writing the record it is racing (milliseconds, normally). */
    private static final Duration INTAKE_GRACE = Duration.ofSeconds(5);
    private static final long INTAKE_POLL_MILLIS = 50;

    private final TenantLedgerStore ledgers;
    private final UploadRepository uploads;
    private final FairUseLimits limits;
    private final Clock clock;

    public TranscodeSlots(TenantLedgerStore ledgers, UploadRepository uploads, FairUseLimits limits, Clock clock) {
        this.ledgers = ledgers;
        this.uploads = uploads;
        this.limits = limits;
        this.clock = clock;
    }

    /** The tenant's use of the transcoders now, as the usage report shows it. */
    public record Use(LocalDate day, long secondsUsed, long dailyMinutes, int active, int queued, int maxActive) {
    }

    /**
     * Admits a valid video: a slot if one is free and nobody waits, else the back of the queue; either way its
     * minutes are charged to today. Over the quota nothing changes. Asking again for the same upload (intake re-run
     * after a crash) gives the same answer and charges nothing more.
     */
    public Admission admit(Upload upload, MediaInfo media) {
        long seconds = (long) Math.ceil(media.durationSeconds());
        String id = upload.id();
        return change(upload.tenantId(), ledger -> {
            if (ledger.holdsSlot(id)) {
                return new Decision<>(ledger, Admission.start());
            }
            if (ledger.position(id).isPresent()) {
                return new Decision<>(ledger, Admission.queued(ledger.position(id).getAsInt()));
            }
            if (!ledger.fits(seconds, limits.dailySeconds())) {
                return new Decision<>(ledger, Admission.overQuota(overQuota(ledger, seconds)));
            }
            TenantLedger next = ledger.enqueue(id, seconds, clock.instant()).promote(limits.maxActive(), clock.instant());
            return new Decision<>(next, next.holdsSlot(id) ? Admission.start()
                    : Admission.queued(next.position(id).getAsInt()));
        });
    }

    /**
     * The transcode's question before it encodes. Granted moves a {@code Queued} upload to {@code Processing} (the
     * {@code media.transcode.started} event). An upload still {@code Validating} is intake racing us between starting
     * the orchestration and writing the record, so we give it a moment; one that ended or vanished gives its place up.
     */
    public SlotClaim claim(String tenantId, String uploadId) {
        Optional<Upload> upload = settledRecord(tenantId, uploadId);
        if (upload.isEmpty() || upload.get().status().isTerminal()) {
            release(tenantId, uploadId);
            return SlotClaim.gone();
        }
        TenantLedger ledger = change(tenantId, current -> {
            // A ledger that lost the upload (rebuilt after an outage) puts it back in line, charged already.
            TenantLedger known = current.knows(uploadId) ? current : current.enqueue(uploadId, 0, clock.instant());
            TenantLedger next = known.promote(limits.maxActive(), clock.instant());
            return new Decision<>(next, next);
        });
        if (!ledger.holdsSlot(uploadId)) {
            int position = ledger.position(uploadId).orElseThrow();
            if (position == 1 && freeEnded(tenantId, ledger.active().stream().map(TenantLedger.Slot::uploadId)) > 0) {
                return claim(tenantId, uploadId);
            }
            return SlotClaim.waiting(position);
        }
        if (upload.get().status() == UploadStatus.Validating) {
            return SlotClaim.waiting(0);
        }
        if (upload.get().status() == UploadStatus.Queued && uploads.transition(tenantId, uploadId,
                current -> current.status() == UploadStatus.Queued,
                current -> current.startTranscoding(clock.instant())).isEmpty()) {
            return claim(tenantId, uploadId);
        }
        return SlotClaim.granted();
    }

    /**
     * Frees the upload's slot (the next in line gets it) or takes it out of the queue. Repeats change nothing.
     * Returns the uploads that were just given a slot, for the caller to wake ({@code TranscodeControl.wake}).
     */
    public List<String> release(String tenantId, String uploadId) {
        return change(tenantId, ledger -> {
            if (!ledger.knows(uploadId)) {
                return new Decision<>(ledger, List.of());
            }
            TenantLedger next = ledger.remove(uploadId).promote(limits.maxActive(), clock.instant());
            return new Decision<>(next, next.active().stream().map(TenantLedger.Slot::uploadId)
                    .filter(id -> !ledger.holdsSlot(id)).toList());
        });
    }

    /**
     * The watchdog's sweep of one tenant's ledger: entries whose upload ended or vanished (a release lost to a
     * crash) are dropped and the freed slots handed on. Returns how many were dropped.
     */
    public int reconcile(String tenantId) {
        return ledgers.find(tenantId).map(stored -> freeEnded(tenantId, Stream.concat(
                stored.ledger().active().stream().map(TenantLedger.Slot::uploadId),
                stored.ledger().queue().stream().map(TenantLedger.Waiting::uploadId)))).orElse(0);
    }

    /** Each waiting upload's place in line (1 = next), for the status endpoint and the list. */
    public Map<String, Integer> positions(String tenantId) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        ledgers.find(tenantId).ifPresent(stored -> {
            List<TenantLedger.Waiting> queue = stored.ledger().queue();
            for (int i = 0; i < queue.size(); i++) {
                positions.put(queue.get(i).uploadId(), i + 1);
            }
        });
        return positions;
    }

    public Use use(String tenantId) {
        TenantLedger ledger = current(tenantId);
        return new Use(ledger.day(), ledger.secondsUsed(), limits.dailyMinutes(), ledger.active().size(),
                ledger.queue().size(), limits.maxActive());
    }

    /**
     * Refuses a new video upload once today's quota is used up: 429 with {@code Retry-After} at the next UTC
     * midnight, when the quota starts again. Below the quota a video may still be too long for what is left;
     * intake decides that once it knows the duration.
     */
    public void requireQuotaLeft(String tenantId) {
        if (!limits.hasQuota()) {
            return;
        }
        TenantLedger ledger = current(tenantId);
        if (ledger.secondsUsed() < limits.dailySeconds()) {
            return;
        }
        Instant now = clock.instant();
        Instant midnight = ledger.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long retryAfter = Math.max(1, Duration.between(now, midnight).toSeconds());
        throw new ProblemException(429, QUOTA_EXCEEDED, "Today's transcoding quota of " + limits.dailyMinutes()
                + " minutes of video is used up. Videos can be uploaded again after 00:00 UTC; other files can be"
                + " uploaded now.").withHeader("Retry-After", String.valueOf(retryAfter));
    }

    private UploadError overQuota(TenantLedger ledger, long seconds) {
        double left = Math.max(0, limits.dailySeconds() - ledger.secondsUsed()) / 60.0;
        return new UploadError(QUOTA_EXCEEDED, String.format(Locale.ROOT,
                "This video is %.1f minutes long, and only %.1f of today's %d minutes of transcoding are left. The"
                        + " quota starts again at 00:00 UTC.", seconds / 60.0, left, limits.dailyMinutes()));
    }

    private TenantLedger current(String tenantId) {
        LocalDate today = today();
        return ledgers.find(tenantId).map(stored -> stored.ledger().on(today))
                .orElseGet(() -> TenantLedger.empty(tenantId, today));
    }

    /** The day the quota counts, in UTC. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Drops the entries among {@code uploadIds} whose upload ended or vanished; returns how many. */
    private int freeEnded(String tenantId, Stream<String> uploadIds) {
        List<String> ended = uploadIds.filter(id -> uploads.find(tenantId, id)
                .map(upload -> upload.status().isTerminal()).orElse(true)).toList();
        if (ended.isEmpty()) {
            return 0;
        }
        LOG.warn("freed {} transcoding places of uploads that ended without releasing them: {}", ended.size(), ended);
        change(tenantId, ledger -> {
            TenantLedger next = ledger;
            for (String id : ended) {
                next = next.remove(id);
            }
            return new Decision<>(next.promote(limits.maxActive(), clock.instant()), null);
        });
        return ended.size();
    }

    /** The record once intake has finished writing it, or as it is after {@link #INTAKE_GRACE}. */
    private Optional<Upload> settledRecord(String tenantId, String uploadId) {
        Instant giveUp = clock.instant().plus(INTAKE_GRACE);
        Optional<Upload> upload = uploads.find(tenantId, uploadId);
        while (upload.filter(u -> u.status() == UploadStatus.Validating).isPresent() && clock.instant().isBefore(giveUp)) {
            OptimisticUpdate.pause(INTAKE_POLL_MILLIS);
            upload = uploads.find(tenantId, uploadId);
        }
        return upload;
    }

    private <T> T change(String tenantId, Function<TenantLedger, Decision<TenantLedger, T>> decide) {
        LocalDate today = today();
        return OptimisticUpdate.apply("The transcoding ledger of tenant " + tenantId, OptimisticUpdate.Document.of(
                () -> ledgers.find(tenantId).map(s -> new OptimisticUpdate.Stored<>(s.ledger(), s.etag())),
                ledgers::save), () -> TenantLedger.empty(tenantId, today), before -> decide.apply(before.on(today)));
    }
}
