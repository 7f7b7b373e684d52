package com.contoso.media.webhooks;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.MessageScheduler;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.secrets.InMemoryKeyWrapping;
import com.contoso.media.secrets.SecretSealer;
import com.contoso.media.testing.MovableClock;
import com.contoso.media.tracing.Telemetry;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        OutboundUrlGuard guard = new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, false, Set.of(443), host -> List.of(InetAddress.getByName("52.1.2.3")));
        WebhookTransport transport = (url, headers, body) -> {
            Request request = new Request(url, headers, body);
            requests.add(request);
            int status = receiver.apply(request);
            if (status < 0) {
                throw new IllegalArgumentException("a transport that breaks its contract");
            }
            return status == 0 ? WebhookTransport.Response.failed(WebhookTransport.Failure.CONNECTION_REFUSED, 3)
                    : WebhookTransport.Response.answered(status, 3, Optional.empty());
        };
        dispatcher = new WebhookDispatcher(store, scheduler, deadLetterQueue, settings, clock, Telemetry.none());
        SecretSealer sealer = new SecretSealer(new InMemoryKeyWrapping());
        sender = new WebhookSender(store, transport, dispatcher, settings, sealer, clock, Telemetry.none());
        registry = new WebhookRegistry(store, dispatcher, guard, settings,
                new ManualSendLimiter(settings.manualSendsPerMinute(), clock), sealer, clock);
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
