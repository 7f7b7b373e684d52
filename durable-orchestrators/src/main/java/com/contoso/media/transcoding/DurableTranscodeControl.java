package com.contoso.media.transcoding;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TranscodeControl} over a Durable Task client: the Functions host's ({@code durableContext.getClient()})
 * or the local runtime's. The instance id is the upload id, which is what makes a duplicate start a no-op.
 */
public final class DurableTranscodeControl implements TranscodeControl {

    public static final String ORCHESTRATION = "TranscodeVideo";
    private static final Logger LOG = LoggerFactory.getLogger(DurableTranscodeControl.class);

    private final DurableTaskClient client;

    public DurableTranscodeControl(DurableTaskClient client) {
        this.client = client;
    }

    @Override
    public void start(TranscodeRequest request) {
        if (exists(request.uploadId())) {
            LOG.info("orchestration {} already exists; start skipped", request.uploadId());
            return;
        }
        try {
            client.scheduleNewOrchestrationInstance(ORCHESTRATION,
                    new NewOrchestrationInstanceOptions().setInstanceId(request.uploadId()).setInput(request));
        } catch (RuntimeException e) {
            // Two deliveries can race past the existence check; the loser's failure is harmless if the instance exists.
            if (!exists(request.uploadId())) {
                throw e;
            }
        }
    }

    @Override
    public void cancel(String uploadId, String reason) {
        terminate(uploadId, reason);
        // The chunk batches too, so no encode starts for a cancelled upload; their ids are numbered from 0.
        for (int batch = 0; batch < TranscodePlan.MAX_BATCHES; batch++) {
            if (!terminate(EncodeChunksOrchestration.instanceId(uploadId, batch), reason)) {
                return;
            }
        }
    }

    /** False when there is no such instance. */
    private boolean terminate(String instanceId, String reason) {
        OrchestrationMetadata instance = client.getInstanceMetadata(instanceId, false);
        if (instance.isInstanceFound() && !instance.isCompleted()) {
            client.terminate(instanceId, reason);
        }
        return instance.isInstanceFound();
    }

    @Override
    public Optional<InstanceState> state(String uploadId) {
        OrchestrationMetadata instance = client.getInstanceMetadata(uploadId, false);
        if (!instance.isInstanceFound()) {
            return Optional.empty();
        }
        return Optional.of(switch (instance.getRuntimeStatus()) {
            case COMPLETED -> InstanceState.COMPLETED;
            case FAILED -> InstanceState.FAILED;
            case TERMINATED, CANCELED -> InstanceState.TERMINATED;
            default -> InstanceState.RUNNING;
        });
    }

    @Override
    public void wake(String uploadId) {
        try {
            client.raiseEvent(uploadId, TranscodeVideoOrchestration.SLOT_GIVEN, null);
        } catch (RuntimeException e) {
            // The orchestration looks again on its own timer: a wake-up is an optimisation, never the only path.
            LOG.warn("could not wake orchestration {}: {}", uploadId, e.getMessage());
        }
    }

    private boolean exists(String instanceId) {
        return client.getInstanceMetadata(instanceId, false).isInstanceFound();
    }
}
