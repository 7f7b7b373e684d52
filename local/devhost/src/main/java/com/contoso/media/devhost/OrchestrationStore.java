package com.contoso.media.devhost;

import com.contoso.media.json.Json;
import com.contoso.media.transcoding.InstanceState;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local Durable backend's persisted instances: per instance, its history and the events not yet replayed
 * ({@code <id>.pb}, the SDK's own protobuf message) and how far it got ({@code <id>.json}). Each file is replaced
 * atomically, so a kill at any moment leaves the previous or the next version, never half of one. The history is
 * written first and is the truth: a kill between the two writes leaves the progress one save behind, or, after an
 * instance's first save, missing, which is read as still running. Replaying the history moves it on either way,
 * including when the lost save was the instance's end: {@link LocalOrchestrations#resume} replays an instance that
 * has nothing left to wait for, and the orchestrator completes it again.
 */
final class OrchestrationStore {

    /** One instance as saved: enough to carry on after a restart. */
    record Snapshot(String id, List<HistoryEvent> past, List<HistoryEvent> inbox, InstanceState state,
                    String customStatus, String output, String failureType) {
    }

    private record Progress(InstanceState state, String customStatus, String output, String failureType) {
    }

    private final Path folder;

    OrchestrationStore(Path folder) {
        this.folder = folder;
    }

    void save(Snapshot snapshot) throws IOException {
        Files.createDirectories(folder);
        write(folder.resolve(snapshot.id() + ".pb"), OrchestratorRequest.newBuilder().setInstanceId(snapshot.id())
                .addAllPastEvents(snapshot.past()).addAllNewEvents(snapshot.inbox()).build().toByteArray());
        write(folder.resolve(snapshot.id() + ".json"), Json.write(new Progress(snapshot.state(),
                snapshot.customStatus(), snapshot.output(), snapshot.failureType())).getBytes(StandardCharsets.UTF_8));
    }

    List<Snapshot> loadAll() {
        List<Snapshot> all = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pb")).sorted().toList()) {
                OrchestratorRequest saved = OrchestratorRequest.parseFrom(Files.readAllBytes(file));
                Path progressFile = folder.resolve(saved.getInstanceId() + ".json");
                Progress progress = Files.exists(progressFile)
                        ? Json.read(Files.readString(progressFile), Progress.class)
                        : new Progress(InstanceState.RUNNING, null, null, null);
                all.add(new Snapshot(saved.getInstanceId(), saved.getPastEventsList(), saved.getNewEventsList(),
                        progress.state(), progress.customStatus(), progress.output(), progress.failureType()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not reload orchestrations from " + folder, e);
        }
        return all;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
