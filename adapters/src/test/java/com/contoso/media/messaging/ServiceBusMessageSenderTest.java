package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceBusMessageSenderTest {

    @Test
    void sendsOneBatchKeepingMessageIdSubjectPropertiesAndContentType() {
        ServiceBusSenderClient client = mock(ServiceBusSenderClient.class);
        ServiceBusMessageBatch batch = mock(ServiceBusMessageBatch.class);
        List<ServiceBusMessage> added = new ArrayList<>();
        when(client.createMessageBatch()).thenReturn(batch);
        when(batch.tryAddMessage(any())).thenAnswer(call -> added.add(call.getArgument(0)));
        when(batch.getCount()).thenAnswer(call -> added.size());

        new ServiceBusMessageSender(client, "application/cloudevents+json").send(List.of(
                new BusMessage("e1", "media.upload.accepted", Map.of("tenantid", "t1", "correlationid", "c1"), "{1}"),
                new BusMessage("e2", "media.upload.rejected", Map.of("tenantid", "t2", "correlationid", "c2"), "{2}")));

        verify(client).sendMessages(batch);
        assertThat(added).extracting(ServiceBusMessage::getMessageId).containsExactly("e1", "e2");
        assertThat(added).extracting(ServiceBusMessage::getSubject)
                .containsExactly("media.upload.accepted", "media.upload.rejected");
        assertThat(added.get(0).getApplicationProperties()).containsEntry("tenantid", "t1")
                .containsEntry("correlationid", "c1");
        assertThat(added.get(0).getContentType()).isEqualTo("application/cloudevents+json");
        assertThat(added.get(1).getBody().toString()).isEqualTo("{2}");
    }

    @Test
    void aFullBatchIsSentAndTheRestGoesInTheNextOne() {
        ServiceBusSenderClient client = mock(ServiceBusSenderClient.class);
        ServiceBusMessageBatch full = mock(ServiceBusMessageBatch.class);
        ServiceBusMessageBatch next = mock(ServiceBusMessageBatch.class);
        when(client.createMessageBatch()).thenReturn(full, next);
        when(full.tryAddMessage(any())).thenReturn(true, false);
        when(full.getCount()).thenReturn(1);
        when(next.tryAddMessage(any())).thenReturn(true);
        when(next.getCount()).thenReturn(1);

        new ServiceBusMessageSender(client, "application/json").send(List.of(
                new BusMessage("e1", "s", Map.of(), "a"), new BusMessage("e2", "s", Map.of(), "b")));

        verify(client).sendMessages(full);
        verify(client).sendMessages(next);
    }
}
