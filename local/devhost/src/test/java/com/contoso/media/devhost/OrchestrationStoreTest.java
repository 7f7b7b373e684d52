package com.contoso.media.devhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.transcoding.DurableHistory;
import com.contoso.media.transcoding.InstanceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestrationStoreTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path folder;

    @Test
    void aSavedInstanceLoadsBackWithItsHistoryInboxAndProgress() throws IOException {
        OrchestrationStore store = new OrchestrationStore(folder.resolve("orchestrations"));
        OrchestrationStore.Snapshot saved = new OrchestrationStore.Snapshot("u1",
                List.of(DurableHistory.executionStarted("TranscodeVideo", "u1", "\"in\"", T),
                        DurableHistory.taskScheduled(0, "ProbeSource", "\"in\"", T)),
                List.of(DurableHistory.taskCompleted(0, "\"ok\"", T)), InstanceState.RUNNING,
                "{\"stage\":\"probing\"}", null, null);

        store.save(saved);
        store.save(new OrchestrationStore.Snapshot("u2", List.of(), List.of(), InstanceState.COMPLETED, null, "done", null));

        assertThat(new OrchestrationStore(folder.resolve("orchestrations")).loadAll())
                .containsExactly(saved, new OrchestrationStore.Snapshot("u2", List.of(), List.of(),
                        InstanceState.COMPLETED, null, "done", null));
    }

    @Test
    void writesLeaveNoPartialFilesBehindAndAMissingFolderLoadsNothing() throws IOException {
        OrchestrationStore store = new OrchestrationStore(folder);
        store.save(new OrchestrationStore.Snapshot("u1", List.of(), List.of(), InstanceState.RUNNING, null, null, null));
        store.save(new OrchestrationStore.Snapshot("u1", List.of(), List.of(), InstanceState.FAILED, null, "x",
                "java.lang.IllegalStateException"));

        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("u1.pb", "u1.json");
        }
        assertThat(store.loadAll()).singleElement().extracting(OrchestrationStore.Snapshot::state)
                .isEqualTo(InstanceState.FAILED);
        assertThat(new OrchestrationStore(folder.resolve("absent")).loadAll()).isEmpty();
    }

    @Test
    void anInstanceKilledBetweenItsFirstHistoryAndProgressWritesLoadsAsRunningInsteadOfStoppingTheStart()
            throws IOException {
        OrchestrationStore store = new OrchestrationStore(folder);
        OrchestrationStore.Snapshot started = new OrchestrationStore.Snapshot("u1-chunks-1",
                List.of(DurableHistory.executionStarted("EncodeChunks", "u1-chunks-1", "\"in\"", T)), List.of(),
                InstanceState.RUNNING, null, null, null);
        store.save(started);
        Files.delete(folder.resolve("u1-chunks-1.json"));

        assertThat(new OrchestrationStore(folder).loadAll()).containsExactly(started);
    }
}
