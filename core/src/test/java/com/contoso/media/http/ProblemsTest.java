package com.contoso.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void anUnreachableDependencyIsA503WithRetryAfterNotAHangOrA500() {
        ApiResponse refused = Problems.handle(() -> {
            throw new IllegalStateException("table read failed",
                    new UncheckedIOException(new ConnectException("Connection refused: /127.0.0.1:10002")));
        });
        ApiResponse timedOut = Problems.handle(() -> {
            throw new RuntimeException(new TimeoutException("Did not observe any item or terminal signal within 5s"));
        });

        for (ApiResponse response : new ApiResponse[] {refused, timedOut}) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers()).containsEntry("Retry-After", "5")
                    .containsEntry("Content-Type", "application/problem+json");
            assertThat(response.body()).contains("\"code\":\"dependency_unavailable\"").doesNotContain("10002");
        }
    }

    @Test
    void anythingElseUnexpectedIsA500ThatLeaksNothing() {
        ApiResponse response = Problems.handle(() -> {
            throw new IllegalStateException("secret detail");
        });

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).contains("internal_error").doesNotContain("secret");
    }
}
