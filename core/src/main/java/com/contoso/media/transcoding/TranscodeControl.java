package com.contoso.media.transcoding;

import java.util.Optional;

/**
 * Port to the transcoding orchestrations, whose instance id is the upload id. Under Functions it wraps the
 * Durable client of the current invocation; the local runtime drives orchestrations itself.
 */
public interface TranscodeControl {

    /** Starts the orchestration unless an instance for this upload already exists (a duplicate start is a no-op). */
    void start(TranscodeRequest request);

    /** Stops the orchestration if it is still running; nothing happens when there is none. */
    void cancel(String uploadId, String reason);

    /** Empty when no orchestration exists for the upload. */
    Optional<InstanceState> state(String uploadId);

    /**
     * Tells a queued video's orchestration that it was just given an encoding slot, so it claims it now rather than
     * at its next check (which backs off to TRANSCODE_QUEUE_POLL_SECONDS). Nothing happens when there is no such
     * orchestration; a lost wake-up only costs that wait.
     */
    void wake(String uploadId);
}
