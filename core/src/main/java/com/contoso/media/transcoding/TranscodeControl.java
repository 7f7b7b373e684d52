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
}
