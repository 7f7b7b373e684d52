package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.contoso.media.blobs.BlobRef;
import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.NewOrchestrationInstanceOptions;
import com.microsoft.durabletask.OrchestrationMetadata;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DurableTranscodeControlTest {

    private final DurableTaskClient client = mock(DurableTaskClient.class);
    private final OrchestrationMetadata missing = metadata(false, false);
    private final DurableTranscodeControl control = new DurableTranscodeControl(client);
    private final TranscodeRequest request =
            new TranscodeRequest("u1", "tenant-a", new BlobRef("uploads", "tenant-a/u1/v.mp4"), "c1");

    @Test
    void startsTheOrchestrationWithTheUploadIdAsInstanceId() {
        when(client.getInstanceMetadata("u1", false)).thenReturn(missing);

        control.start(request);

        ArgumentCaptor<NewOrchestrationInstanceOptions> options = ArgumentCaptor.forClass(NewOrchestrationInstanceOptions.class);
        verify(client).scheduleNewOrchestrationInstance(eq("TranscodeVideo"), options.capture());
        assertThat(options.getValue().getInstanceId()).isEqualTo("u1");
        assertThat(options.getValue().getInput()).isEqualTo(request);
    }

    @Test
    void aSecondStartForTheSameUploadIsANoOp() {
        OrchestrationMetadata running = metadata(true, false);
        when(client.getInstanceMetadata("u1", false)).thenReturn(running);

        control.start(request);

        verify(client, never()).scheduleNewOrchestrationInstance(anyString(), any(NewOrchestrationInstanceOptions.class));
    }

    @Test
    void aLostStartRaceIsHarmlessButARealFailureSurfaces() {
        OrchestrationMetadata running = metadata(true, false);
        when(client.getInstanceMetadata("u1", false)).thenReturn(missing, running);
        when(client.scheduleNewOrchestrationInstance(anyString(), any(NewOrchestrationInstanceOptions.class)))
                .thenThrow(new IllegalStateException("instance already exists"));
        control.start(request);

        when(client.getInstanceMetadata("u1", false)).thenReturn(missing, missing);
        assertThatThrownBy(() -> control.start(request)).hasMessageContaining("already exists");
    }

    @Test
    void cancelTerminatesOnlyARunningInstance() {
        OrchestrationMetadata running = metadata(true, false);
        OrchestrationMetadata done = metadata(true, true);
        when(client.getInstanceMetadata(anyString(), eq(false))).thenReturn(missing);
        when(client.getInstanceMetadata("u1", false)).thenReturn(running);
        when(client.getInstanceMetadata("u2", false)).thenReturn(done);

        control.cancel("u1", "deleted");
        control.cancel("u2", "deleted");

        verify(client).terminate("u1", "deleted");
        verify(client, never()).terminate(eq("u2"), any());
    }

    @Test
    void cancelAlsoTerminatesTheChunkBatchesStillRunning() {
        OrchestrationMetadata running = metadata(true, false);
        OrchestrationMetadata done = metadata(true, true);
        when(client.getInstanceMetadata(anyString(), eq(false))).thenReturn(missing);
        when(client.getInstanceMetadata("u1", false)).thenReturn(running);
        when(client.getInstanceMetadata("u1-chunks-0", false)).thenReturn(done);
        when(client.getInstanceMetadata("u1-chunks-1", false)).thenReturn(running);

        control.cancel("u1", "deleted");

        verify(client).terminate("u1", "deleted");
        verify(client).terminate("u1-chunks-1", "deleted");
        verify(client, never()).terminate(eq("u1-chunks-0"), any());
        verify(client, never()).getInstanceMetadata("u1-chunks-3", false);
    }

    private static OrchestrationMetadata metadata(boolean found, boolean completed) {
        OrchestrationMetadata metadata = mock(OrchestrationMetadata.class);
        when(metadata.isInstanceFound()).thenReturn(found);
        when(metadata.isCompleted()).thenReturn(completed);
        return metadata;
    }
}
