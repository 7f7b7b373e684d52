package com.contoso.media.functions;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Durable client per task hub for the life of the worker process. durabletask-azure-functions 1.4.0 builds a
 * new gRPC channel to the host's Durable sidecar on every {@code DurableClientContext.getClient()} and never closes it
 * (microsoft/durabletask-java#192, fixed in 1.6.3, which Maven Central here does not have), so calling it per
 * invocation leaks a channel each time. The sidecar belongs to the host that started this worker, so its address
 * cannot change while the process lives: the first client is the right one for every later invocation.
 */
final class DurableClients {

    private static final ConcurrentMap<String, DurableTaskClient> BY_TASK_HUB = new ConcurrentHashMap<>();

    private DurableClients() {
    }

    static DurableTaskClient of(DurableClientContext context) {
        return BY_TASK_HUB.computeIfAbsent(context.getTaskHubName(), hub -> context.getClient());
    }
}
