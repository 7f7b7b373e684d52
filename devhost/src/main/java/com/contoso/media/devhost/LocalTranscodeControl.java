package com.contoso.media.devhost;

import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeProgress;
import com.contoso.media.transcoding.TranscodeRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's orchestration instances, keyed like Durable's by upload id: a start for an id that
 * already has an instance is a no-op, a cancel terminates it. Instances wait in {@code queued} until the
 * transcoding driver (the TranscodeVideo orchestration) runs them.
 */
public final class LocalTranscodeControl implements TranscodeControl {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTranscodeControl.class);

    public enum State { PENDING, TERMINATED }

    private final Map<String, State> instances = new ConcurrentHashMap<>();

    @Override
    public void start(TranscodeRequest request) {
        if (instances.putIfAbsent(request.uploadId(), State.PENDING) == null) {
            LOG.info("orchestration TranscodeVideo scheduled with instance id {}", request.uploadId());
        }
    }

    @Override
    public void cancel(String uploadId, String reason) {
        instances.computeIfPresent(uploadId, (id, state) -> State.TERMINATED);
    }

    @Override
    public Optional<TranscodeProgress> progress(String uploadId) {
        return Optional.ofNullable(instances.get(uploadId))
                .filter(state -> state == State.PENDING)
                .map(state -> new TranscodeProgress("queued", 0, 0, 0));
    }

    public Optional<State> instance(String uploadId) {
        return Optional.ofNullable(instances.get(uploadId));
    }
}
