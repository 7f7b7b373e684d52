package com.contoso.media.webhooks;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.MessageScheduler;
import com.contoso.media.messaging.MessageSender;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The webhook services over the in-memory store, a queue of scheduled attempt messages, a clock the test moves, and
 * a transport that answers what the test's receiver function says and records every request.
 */
final class WebhookHarness {

    record Scheduled(BusMessage message, Instant visibleAt) {
    }

    record Request(URI url, Map<String, String> headers, String body) {
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-20T10:00:00Z"));
    final InMemoryWebhookStore store = new InMemoryWebhookStore();
    final List<Scheduled> queue = Collections.synchronizedList(new ArrayList<>());
    final List<BusMessage> deadLetters = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile Function<Request, Integer> receiver = request -> 200;
    final WebhookSettings settings;
    final WebhookDispatcher dispatcher;
    final WebhookSender sender;
    final WebhookRegistry registry;

    WebhookHarness(Map<AppSetting, String> overrides) {
        Settings values = new Settings(Map.of());
        for (Map.Entry<AppSetting, String> entry : overrides.entrySet()) {
            values = values.with(entry.getKey(), entry.getValue());
        }
        settings = WebhookSettings.from(values);
        MessageScheduler scheduler = (message, visibleAt) -> queue.add(new Scheduled(message, visibleAt));
        MessageSender deadLetterQueue = deadLetters::addAll;
        WebhookUrlGuard guard = new WebhookUrlGuard(false, host -> List.of(InetAddress.getByName("203.0.113.10")));
        WebhookTransport transport = (url, headers, body) -> {
            Request request = new Request(url, headers, body);
            requests.add(request);
            int status = receiver.apply(request);
            return new WebhookTransport.Response(status == 0 ? Optional.empty() : Optional.of(status), 3,
                    status == 0 ? Optional.of("connection refused") : Optional.empty());
        };
        dispatcher = new WebhookDispatcher(store, scheduler, deadLetterQueue, settings, clock);
        sender = new WebhookSender(store, transport, dispatcher, settings, clock);
        registry = new WebhookRegistry(store, dispatcher, guard, settings, clock);
    }

    WebhookHarness() {
        this(Map.of());
    }

    WebhookEndpoint endpoint(String tenant, String url, String... events) {
        return registry.create(tenant, url, List.of(events), "").endpoint();
    }

    /** Delivers every attempt message that is visible now, in order, until none is. */
    void runDueAttempts() {
        while (true) {
            Optional<Scheduled> due;
            synchronized (queue) {
                due = queue.stream().filter(s -> !s.visibleAt().isAfter(clock.instant())).findFirst();
                due.ifPresent(queue::remove);
            }
            if (due.isEmpty()) {
                return;
            }
            sender.attempt(due.get().message().body());
        }
    }

    /** Moves the clock to each scheduled attempt in turn and makes it, until the queue is empty. */
    void runAllAttempts() {
        runDueAttempts();
        while (!queue.isEmpty()) {
            Instant next;
            synchronized (queue) {
                next = queue.stream().map(Scheduled::visibleAt).min(Instant::compareTo).orElseThrow();
            }
            if (next.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next));
            }
            runDueAttempts();
        }
    }
}
