package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InProcessQueueTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    static BusMessage message(String id, String subject) {
        return new BusMessage(id, subject, Map.of("tenantid", "t"), "{\"id\":\"" + id + "\"}");
    }

    @Test
    void aLockedMessageIsNotDeliveredAgainUntilAbandonedAndCompletedIsGone() throws Exception {
        InProcessQueue queue = new InProcessQueue("q", 10, Optional.empty());
        queue.send(List.of(message("m1", "s")));

        List<Delivery> first = queue.receive(10, NO_WAIT);
        assertThat(queue.receive(10, NO_WAIT)).isEmpty();
        queue.abandon(first);
        List<Delivery> second = queue.receive(10, NO_WAIT);
        queue.complete(second);

        assertThat(first).extracting(Delivery::deliveryCount).containsExactly(1);
        assertThat(second).extracting(Delivery::deliveryCount).containsExactly(2);
        assertThat(queue.unsettled()).isZero();
        assertThat(queue.deadLetters()).isEmpty();
    }

    @Test
    void aMessageAbandonedMaxDeliveryCountTimesIsDeadLetteredWithTheReason() throws Exception {
        InProcessQueue queue = new InProcessQueue("q", 3, Optional.empty());
        queue.send(List.of(message("m1", "s")));

        for (int i = 0; i < 3; i++) {
            queue.abandon(queue.receive(1, NO_WAIT));
        }

        assertThat(queue.unsettled()).isZero();
        assertThat(queue.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED);
            assertThat(letter.message().messageId()).isEqualTo("m1");
            assertThat(letter.description()).contains("3 times");
        });
    }

    @Test
    void chaosModeDuplicatesSomeMessagesAndDeliversThemOutOfOrder() throws Exception {
        InProcessQueue queue = new InProcessQueue("q", 10, Optional.of(new Random(7)));
        queue.send(IntStream.range(0, 200).mapToObj(i -> message("m" + i, "s")).toList());

        List<Delivery> all = queue.receive(1000, NO_WAIT);

        assertThat(all.size()).isBetween(220, 280);
        assertThat(all).extracting(d -> d.message().messageId()).containsAll(
                IntStream.range(0, 200).mapToObj(i -> "m" + i).toList());
        assertThat(all.get(0).message().messageId()).isNotEqualTo("m0");
    }

    @Test
    void theTopicDropsAResendOfTheSameMessageIdAndRoutesByFilter() throws Exception {
        InProcessTopic topic = new InProcessTopic(Duration.ofHours(1), Clock.systemUTC());
        InProcessQueue uploads = new InProcessQueue("uploads", 10, Optional.empty());
        InProcessQueue everything = new InProcessQueue("all", 10, Optional.empty());
        topic.subscribe(m -> m.subject().startsWith("media.upload."), uploads);
        topic.subscribe(m -> true, everything);

        topic.send(List.of(message("a", "media.upload.accepted"), message("b", "media.transcode.started")));
        topic.send(List.of(message("a", "media.upload.accepted")));

        assertThat(uploads.receive(10, NO_WAIT)).extracting(d -> d.message().messageId()).containsExactly("a");
        assertThat(everything.receive(10, NO_WAIT)).extracting(d -> d.message().messageId())
                .containsExactly("a", "b");
    }
}
