package com.contoso.media.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.microsoft.durabletask.DurableTaskClient;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DurableClientsTest {

    @Test
    void manyInvocationsShareOneClientSoOneChannelIsOpened() {
        DurableTaskClient channel = mock(DurableTaskClient.class);
        Set<DurableTaskClient> seen = new HashSet<>();
        DurableClientContext first = context("hub-a", channel);

        for (int invocation = 0; invocation < 1_000; invocation++) {
            // Each invocation gets its own context object from the binding, as the worker deserialises one per call.
            DurableClientContext perInvocation = invocation == 0 ? first : context("hub-a", mock(DurableTaskClient.class));
            seen.add(DurableClients.of(perInvocation));
        }

        assertThat(seen).containsExactly(channel);
        verify(first, times(1)).getClient();
    }

    private static DurableClientContext context(String taskHub, DurableTaskClient client) {
        DurableClientContext context = mock(DurableClientContext.class);
        when(context.getTaskHubName()).thenReturn(taskHub);
        when(context.getClient()).thenReturn(client);
        return context;
    }
}
