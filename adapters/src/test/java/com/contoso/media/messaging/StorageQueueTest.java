package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageQueueTest {

    @Test
    void aScheduledMessageStaysHiddenAtLeastUntilItIsDueInWholeSeconds() {
        assertThat(StorageQueue.invisibleFor(Duration.ofMillis(850))).isEqualTo(Duration.ofSeconds(1));
        assertThat(StorageQueue.invisibleFor(Duration.ofMillis(1_200))).isEqualTo(Duration.ofSeconds(2));
        assertThat(StorageQueue.invisibleFor(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(StorageQueue.invisibleFor(Duration.ofNanos(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(StorageQueue.invisibleFor(Duration.ZERO)).isEqualTo(Duration.ZERO);
        assertThat(StorageQueue.invisibleFor(Duration.ofMillis(-300))).isEqualTo(Duration.ZERO);
    }
}
