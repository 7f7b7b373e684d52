package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.InvalidContinuationTokenException;
import com.contoso.media.uploads.Page;
import com.contoso.media.webhooks.EndpointRoster;
import com.contoso.media.webhooks.WebhookDelivery;
import com.contoso.media.webhooks.WebhookEndpoint;
import com.contoso.media.webhooks.WebhookSigner;
import com.contoso.media.webhooks.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WebhookStore} must do: endpoints and deliveries round-trip, creating a delivery twice stores
 * one, replacing is conditional on the etag (so of two racing writers exactly one wins), listings are per tenant
 * and per endpoint, newest first, and page without gaps or repeats. Runs on the in-memory stand-in and Azurite's
 * Table storage always, and on Cosmos DB when an account is configured.
 */
abstract class WebhookStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    protected final String tenant = "contract-" + UUID.randomUUID();

    protected abstract WebhookStore store();

    private WebhookEndpoint endpoint(String tenantId, Instant at) {
        return WebhookEndpoint.create(UUID.randomUUID().toString(), tenantId, "https://hooks.example.com/h",
                List.of("media.upload.*"), "contract", WebhookSigner.newSecret(), at);
    }

    private WebhookDelivery delivery(String endpointId, String eventId, Instant at) {
        return WebhookDelivery.pending(tenant, endpointId, eventId, "media.upload.accepted", Optional.of("u1"), 2,
                "{\"id\":\"" + eventId + "\"}", 7, at);
    }

    @Test
    void theRosterIsWrittenOnlyOverTheVersionThatWasRead() {
        EndpointRoster first = new EndpointRoster(tenant, java.util.Map.of("e1", T0));
        assertThat(store().roster(tenant)).isEmpty();
        assertThat(store().saveRoster(first, Optional.empty())).isTrue();
        assertThat(store().saveRoster(first, Optional.empty())).as("a second first write").isFalse();

        OptimisticUpdate.Stored<EndpointRoster> read = store().roster(tenant).orElseThrow();
        assertThat(read.value()).isEqualTo(first);
        assertThat(store().saveRoster(first.with("e2", T0), Optional.of(read.etag()))).isTrue();
        assertThat(store().saveRoster(first.with("e3", T0), Optional.of(read.etag()))).as("a stale write").isFalse();

        assertThat(store().roster(tenant).orElseThrow().value().claims()).containsOnlyKeys("e1", "e2");
        assertThat(store().endpoints(tenant)).as("the roster is not an endpoint").isEmpty();
    }

    @Test
    void endpointsRoundTripPerTenantOldestFirst() {
        WebhookEndpoint second = store().createEndpoint(endpoint(tenant, T0.plusSeconds(5)));
        WebhookEndpoint first = store().createEndpoint(endpoint(tenant, T0));
        store().createEndpoint(endpoint("other-" + tenant, T0));

        assertThat(store().findEndpoint(tenant, first.id())).get().satisfies(found -> {
            assertThat(found.url()).isEqualTo("https://hooks.example.com/h");
            assertThat(found.events()).containsExactly("media.upload.*");
            assertThat(found.signingSecrets(T0)).isEqualTo(first.signingSecrets(T0));
            assertThat(found.etag()).isPresent();
        });
        assertThat(store().endpoints(tenant)).extracting(WebhookEndpoint::id).containsExactly(first.id(), second.id());
        assertThat(store().findEndpoint("other-" + tenant, first.id())).isEmpty();
    }

    @Test
    void replacingAnEndpointNeedsItsCurrentEtag() {
        WebhookEndpoint created = store().createEndpoint(endpoint(tenant, T0));
        WebhookEndpoint read = store().findEndpoint(tenant, created.id()).orElseThrow();

        WebhookEndpoint changed = store().replaceEndpoint(read.withChanges("https://hooks.example.com/new",
                read.events(), "changed", true, T0.plusSeconds(1)));

        assertThat(changed.etag()).isPresent().isNotEqualTo(read.etag());
        assertThat(store().findEndpoint(tenant, created.id()).orElseThrow().url()).isEqualTo("https://hooks.example.com/new");
        assertThatThrownBy(() -> store().replaceEndpoint(read)).isInstanceOf(ConcurrentUpdateException.class);
        store().deleteEndpoint(tenant, created.id());
        store().deleteEndpoint(tenant, created.id());
        assertThat(store().findEndpoint(tenant, created.id())).isEmpty();
        assertThatThrownBy(() -> store().replaceEndpoint(changed)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void aDeliveryIsCreatedOnceAndItsAttemptsAreRecordedUnderItsEtag() {
        WebhookDelivery pending = delivery("ep-1", "event-1", T0);

        assertThat(store().createDelivery(pending)).isTrue();
        assertThat(store().createDelivery(pending)).isFalse();
        WebhookDelivery read = store().findDelivery(tenant, pending.id()).orElseThrow();
        WebhookDelivery attempted = store().replaceDelivery(read.attempted(new WebhookDelivery.Attempt(1, T0,
                Optional.of(503), 12, Optional.of("HTTP 503"), false), false, Optional.of(T0.plusSeconds(5))));

        WebhookDelivery again = store().findDelivery(tenant, pending.id()).orElseThrow();
        assertThat(again.attempts()).hasSize(1);
        assertThat(again.nextAttempt()).isEqualTo(2);
        assertThat(again.payload()).isEqualTo(pending.payload());
        assertThat(again.etag()).isEqualTo(attempted.etag());
        assertThatThrownBy(() -> store().replaceDelivery(read)).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().findDelivery("other-" + tenant, pending.id())).isEmpty();
    }

    @Test
    void ofTwoWritersRacingOnTheSameEtagExactlyOneWins() {
        WebhookDelivery pending = delivery("ep-1", "event-race", T0);
        store().createDelivery(pending);
        WebhookDelivery read = store().findDelivery(tenant, pending.id()).orElseThrow();
        AtomicInteger wins = new AtomicInteger();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int code = 200 + i;
            writers.add(CompletableFuture.runAsync(() -> {
                try {
                    store().replaceDelivery(read.attempted(new WebhookDelivery.Attempt(1, T0, Optional.of(code), 1,
                            Optional.empty(), false), true, Optional.empty()));
                    wins.incrementAndGet();
                } catch (ConcurrentUpdateException lost) {
                    // Expected for all but one.
                }
            }));
        }
        writers.forEach(CompletableFuture::join);

        assertThat(wins).hasValue(1);
        assertThat(store().findDelivery(tenant, pending.id()).orElseThrow().attempts()).hasSize(1);
    }

    @Test
    void deliveriesListPerEndpointNewestFirstAndPageWithoutGapsOrRepeats() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            WebhookDelivery d = delivery("ep-list", "event-" + i, T0.plus(Duration.ofSeconds(i)));
            store().createDelivery(d);
            expected.add(0, d.id());
        }
        store().createDelivery(delivery("ep-other", "event-x", T0));

        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<WebhookDelivery> page = store().deliveries(tenant, "ep-list", 3, token);
            page.items().forEach(d -> seen.add(d.id()));
            token = page.continuationToken();
        } while (token.isPresent());

        assertThat(seen).isEqualTo(expected);
        assertThat(store().deliveries("other-" + tenant, "ep-list", 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void anEarlierPendingEventOfTheSameUploadIsFoundUntilItEnds() {
        WebhookDelivery accepted = WebhookDelivery.pending(tenant, "ep-order", "e-accepted", "media.upload.accepted",
                Optional.of("u7"), 2, "{}", 7, T0);
        store().createDelivery(accepted);
        store().createDelivery(WebhookDelivery.pending(tenant, "ep-order", "e-other", "media.upload.accepted",
                Optional.of("u8"), 1, "{}", 7, T0));

        assertThat(store().earlierPending(tenant, "ep-order", "u7", 5)).isTrue();
        assertThat(store().earlierPending(tenant, "ep-order", "u7", 2)).as("not earlier").isFalse();
        assertThat(store().earlierPending(tenant, "ep-other", "u7", 5)).as("another endpoint").isFalse();
        assertThat(store().earlierPending("other-" + tenant, "ep-order", "u7", 5)).as("another tenant").isFalse();

        WebhookDelivery read = store().findDelivery(tenant, accepted.id()).orElseThrow();
        store().replaceDelivery(read.attempted(new WebhookDelivery.Attempt(1, T0, Optional.of(200), 3,
                Optional.empty(), false), true, Optional.empty()));
        assertThat(store().earlierPending(tenant, "ep-order", "u7", 5)).as("delivered").isFalse();
    }

    @Test
    void overdueListsPendingDeliveriesPastTheirDueAttemptAcrossTenantsLongestOverdueFirst() {
        Instant dueBefore = Instant.now().plus(Duration.ofDays(3650));
        WebhookDelivery older = delivery("ep-late", "late-1", T0.minusSeconds(60));
        WebhookDelivery newer = delivery("ep-late", "late-2", T0);
        store().createDelivery(newer);
        store().createDelivery(older);
        WebhookDelivery finished = delivery("ep-late", "late-3", T0.minusSeconds(120));
        store().createDelivery(finished);
        store().replaceDelivery(store().findDelivery(tenant, finished.id()).orElseThrow().attempted(
                new WebhookDelivery.Attempt(1, T0, Optional.of(200), 1, Optional.empty(), false), true,
                Optional.empty()));

        List<String> overdue = store().overdue(dueBefore, 1000).stream()
                .filter(d -> d.tenantId().equals(tenant)).map(WebhookDelivery::id).toList();

        assertThat(overdue).containsExactly(older.id(), newer.id());
        assertThat(store().overdue(T0.minusSeconds(30), 1000)).extracting(WebhookDelivery::id)
                .contains(older.id()).doesNotContain(newer.id());
    }

    @Test
    void aForeignContinuationTokenIsRefused() {
        assertThatThrownBy(() -> store().deliveries(tenant, "ep-1", 3, Optional.of("bm90LWEtdG9rZW4")))
                .isInstanceOf(InvalidContinuationTokenException.class);
    }
}
