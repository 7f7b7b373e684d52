package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.AppSetting;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Under the delivery a bus may give (every event and every attempt message at least once, some twice, in any
 * order), an idempotent receiver (one that drops a {@code webhook-id} it has processed) processes each
 * (event, endpoint) pair at most once, and at least once unless the endpoint failed throughout; no delivery is left
 * pending, and every pair has one stable {@code webhook-id}.
 */
class WebhookDeliveryPropertyTest {

    enum Behaviour { HEALTHY, FLAKY, DEAD }

    record GeneratedEvent(String tenant, int upload, EventType type) {
    }

    record GeneratedEndpoint(String tenant, String filter, Behaviour behaviour) {
    }

    @Provide
    Arbitrary<List<GeneratedEvent>> events() {
        return Combinators.combine(Arbitraries.of("tenant-a", "tenant-b"), Arbitraries.integers().between(0, 5),
                Arbitraries.of(EventType.class)).as(GeneratedEvent::new).list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<GeneratedEndpoint>> endpoints() {
        return Combinators.combine(Arbitraries.of("tenant-a", "tenant-b"),
                Arbitraries.of("*", "media.upload.*", "media.transcode.*", "media.upload.accepted"),
                Arbitraries.of(Behaviour.class)).as(GeneratedEndpoint::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 300)
    void eachPairIsProcessedOnceUnlessItsEndpointFailedThroughout(@ForAll("events") List<GeneratedEvent> generated,
                                                                  @ForAll("endpoints") List<GeneratedEndpoint> declared,
                                                                  @ForAll long seed) {
        Random random = new Random(seed);
        WebhookHarness harness = new WebhookHarness(Map.of(AppSetting.WEBHOOK_RETRY_SCHEDULE, "1s,1s,1s,1s",
                AppSetting.WEBHOOK_DISABLE_AFTER, "5d"));
        Map<String, Behaviour> behaviourByPath = new HashMap<>();
        Map<String, WebhookEndpoint> endpoints = new HashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            GeneratedEndpoint e = declared.get(i);
            WebhookEndpoint endpoint = harness.endpoint(e.tenant(), "https://hooks.example.com/" + i, e.filter());
            behaviourByPath.put("/" + i, e.behaviour());
            endpoints.put(endpoint.id(), endpoint);
        }
        Set<String> processed = ConcurrentHashMap.newKeySet();
        Map<String, Integer> callsById = new ConcurrentHashMap<>();
        harness.receiver = request -> {
            String id = request.headers().get("webhook-id");
            int call = callsById.merge(id, 1, Integer::sum);
            boolean ok = switch (behaviourByPath.get(request.url().getPath())) {
                case HEALTHY -> true;
                case FLAKY -> call > 2;
                case DEAD -> false;
            };
            if (ok) {
                processed.add(id); // idempotent: a second success for the same id changes nothing
            }
            return ok ? 200 : 503;
        };

        List<UploadEvent> events = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            GeneratedEvent g = generated.get(i);
            events.add(WebhookSenderTest.event(g.tenant(), "u" + g.upload(), i + 1, g.type(),
                    harness.clock.instant().plusSeconds(i)));
        }
        List<String> bus = new ArrayList<>();
        for (UploadEvent event : events) {
            bus.add(CloudEventCodec.encode(event));
            if (random.nextInt(3) == 0) {
                bus.add(CloudEventCodec.encode(event));
            }
        }
        Collections.shuffle(bus, random);
        int from = 0;
        while (from < bus.size()) {
            int to = Math.min(bus.size(), from + 1 + random.nextInt(4));
            harness.dispatcher.dispatch(bus.subList(from, to));
            from = to;
        }
        runAttemptsWithDuplicatesAndReordering(harness, random);

        Set<String> expected = new HashSet<>();
        Set<String> everyPair = new HashSet<>();
        for (UploadEvent event : events) {
            for (WebhookEndpoint endpoint : endpoints.values()) {
                if (endpoint.tenantId().equals(event.tenantId())
                        && WebhookEventTypes.matches(endpoint.events(), event.type().value())) {
                    String id = WebhookDelivery.idOf(event.id(), endpoint.id());
                    everyPair.add(id);
                    if (behaviourByPath.get(java.net.URI.create(endpoint.url()).getPath()) != Behaviour.DEAD) {
                        expected.add(id);
                    }
                    WebhookDelivery delivery = harness.store.findDelivery(endpoint.tenantId(), id).orElseThrow();
                    assertThat(delivery.status()).as("nothing left pending").isNotEqualTo(WebhookDelivery.Status.Pending);
                }
            }
        }
        assertThat(processed).isEqualTo(expected);
        assertThat(callsById.keySet()).as("no call outside the matching pairs").isSubsetOf(everyPair);
    }

    /** Delivers every visible attempt message in random order, one in three twice, moving the clock as needed. */
    private static void runAttemptsWithDuplicatesAndReordering(WebhookHarness harness, Random random) {
        while (!harness.queue.isEmpty()) {
            Instant next = harness.queue.stream().map(WebhookHarness.Scheduled::visibleAt).min(Instant::compareTo)
                    .orElseThrow();
            if (next.isAfter(harness.clock.instant())) {
                harness.clock.advance(Duration.between(harness.clock.instant(), next));
            }
            List<WebhookHarness.Scheduled> due = new ArrayList<>(harness.queue.stream()
                    .filter(s -> !s.visibleAt().isAfter(harness.clock.instant())).toList());
            harness.queue.removeAll(due);
            List<String> copies = new ArrayList<>();
            for (WebhookHarness.Scheduled scheduled : due) {
                copies.add(scheduled.message().body());
                if (random.nextInt(3) == 0) {
                    copies.add(scheduled.message().body());
                }
            }
            Collections.shuffle(copies, random);
            copies.forEach(harness.sender::attempt);
        }
        assertThat(Optional.of(harness.queue.size())).contains(0);
    }
}
