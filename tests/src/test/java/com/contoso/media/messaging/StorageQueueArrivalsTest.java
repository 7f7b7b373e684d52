package com.contoso.media.messaging;

import com.contoso.media.app.AzureClients;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On Azurite: every way this process puts a message on a queue wakes a receiver waiting on it, and a receiver woken
 * for a scheduled message finds it visible (the pump would otherwise go back to sleep for up to 2 s).
 */
class StorageQueueArrivalsTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    private final QueueClient client = new QueueServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
            .buildClient().getQueueClient("arrivals-" + UUID.randomUUID());
    private final StorageQueue queue = new StorageQueue(client, Duration.ofSeconds(30), Clock.systemUTC());

    @AfterEach
    void deleteQueue() {
        client.delete();
    }

    @Test
    void aSendWakesTheWaitingReceiver() throws InterruptedException {
        long seen = queue.arrivals().seen();

        queue.send(List.of(message("sent")));

        assertThat(queue.arrivals().await(seen, AN_HOUR)).isTrue();
        assertThat(queue.receive(1)).extracting(received -> received.message().body()).containsExactly("sent");
    }

    @Test
    void aScheduledMessageWakesTheReceiverWhenItIsVisible() throws InterruptedException {
        queue.schedule(message("later"), Clock.systemUTC().instant().plusMillis(300));
        assertThat(queue.receive(1)).as("hidden until due").isEmpty();

        assertThat(queue.arrivals().await(queue.arrivals().seen(), AN_HOUR)).isTrue();

        assertThat(queue.receive(1)).extracting(received -> received.message().body()).containsExactly("later");
    }

    @Test
    void anAbandonedMessageWakesTheReceiverForItsRedelivery() throws InterruptedException {
        queue.send(List.of(message("again")));
        StorageQueue.Received first = queue.receive(1).get(0);
        long seen = queue.arrivals().seen();

        queue.abandon(first);

        assertThat(queue.arrivals().await(seen, AN_HOUR)).isTrue();
        assertThat(queue.receive(1)).extracting(StorageQueue.Received::dequeueCount).containsExactly(2L);
    }

    private static BusMessage message(String body) {
        return new BusMessage(UUID.randomUUID().toString(), "media.test", Map.of(), body);
    }
}
