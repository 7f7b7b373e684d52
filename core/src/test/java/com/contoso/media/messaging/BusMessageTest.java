package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BusMessageTest {

    @Test
    void aMessageWithoutABodyCannotBeMadeSoNoneIsEverPublished() {
        assertThatThrownBy(() -> new BusMessage("m1", "s", Map.of(), "")).hasMessageContaining("empty body");
        assertThatThrownBy(() -> new BusMessage("m1", "s", Map.of(), null)).hasMessageContaining("empty body");
    }
}
