package com.contoso.media.webhooks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a failed delivery is tried again: the n-th retry waits the n-th delay of the schedule (by default 5 s,
 * 1 min, 5 min, 30 min, 2 h, 6 h, 12 h: eight attempts over about 21 hours), spread by up to ±20 % so that the
 * retries of many deliveries that failed together do not arrive together.
 */
public final class RetrySchedule {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final double JITTER = 0.2;

    private final List<Duration> delays;

    public RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** {@code "5s,1m,5m,30m,2h,6h,12h"}; an empty text means no retries. */
    public static RetrySchedule parse(String text) {
        return new RetrySchedule(Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(RetrySchedule::duration).toList());
    }

    /** {@code 500ms}, {@code 5s}, {@code 1m}, {@code 2h} or {@code 5d}. */
    public static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 5s, 1m, 2h or 5d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** How many retries follow a first attempt that failed. */
    public int retries() {
        return delays.size();
    }

    /** The wait before retry {@code retry} (1-based), jittered. */
    public Duration delayBefore(int retry, Random random) {
        Duration base = delays.get(retry - 1);
        double factor = 1 + JITTER * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    public List<Duration> delays() {
        return delays;
    }
}
