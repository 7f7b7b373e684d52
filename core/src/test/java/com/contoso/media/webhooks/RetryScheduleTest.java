package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.config.AppSetting;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule defaults = RetrySchedule.parse(AppSetting.WEBHOOK_RETRY_SCHEDULE.defaultValue());

    @Test
    void theDefaultIsSevenRetriesOverAboutADay() {
        assertThat(defaults.delays()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6),
                Duration.ofHours(12));
        Duration total = defaults.delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(20), Duration.ofHours(24));
    }

    @Test
    void eachDelayGrowsAndIsSpreadByAtMostTwentyPercent() {
        Random random = new Random(7);
        Duration previousMax = Duration.ZERO;
        for (int retry = 1; retry <= defaults.retries(); retry++) {
            Duration base = defaults.delays().get(retry - 1);
            Duration min = Duration.ofMillis(Long.MAX_VALUE);
            Duration max = Duration.ZERO;
            for (int i = 0; i < 2000; i++) {
                Duration delay = defaults.delayBefore(retry, random);
                min = delay.compareTo(min) < 0 ? delay : min;
                max = delay.compareTo(max) > 0 ? delay : max;
            }
            assertThat(min).isGreaterThanOrEqualTo(Duration.ofMillis(Math.round(base.toMillis() * 0.8)));
            assertThat(max).isLessThanOrEqualTo(Duration.ofMillis(Math.round(base.toMillis() * 1.2)));
            assertThat(max).as("jittered, not fixed").isNotEqualTo(min);
            assertThat(min).as("retry " + retry + " waits longer than the one before").isGreaterThan(previousMax);
            previousMax = max;
        }
    }

    @Test
    void parsesUnitsAndRefusesNonsense() {
        assertThat(RetrySchedule.parse("500ms, 2s,3d").delays())
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofDays(3));
        assertThat(RetrySchedule.parse("").retries()).isZero();
        assertThatThrownBy(() -> RetrySchedule.parse("5 minutes")).hasMessageContaining("5 minutes");
    }
}
