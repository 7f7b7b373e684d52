package com.contoso.media.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's webhook endpoint: where to send which events, the secrets that sign them, and its health.
 * {@code failingSince} is the first failed attempt since the last success; an endpoint failing for longer than the
 * configured time is disabled ({@code disabledAt}, {@code disabledReason}). {@code etag} is the store's version.
 */
public record WebhookEndpoint(String id, String tenantId, String url, List<String> events, String description,
                              boolean enabled, List<SigningSecret> secrets, Instant createdAt, Instant updatedAt,
                              Optional<Instant> failingSince, Optional<Instant> disabledAt,
                              Optional<String> disabledReason, @JsonProperty("_etag") Optional<String> etag) {

    /** A signing secret, sealed ({@code SecretSealer}, owner {@link #owner}); a rotated-out one has {@code expiresAt}. */
    public record SigningSecret(String secret, Instant createdAt, Optional<Instant> expiresAt) {
    }

    public WebhookEndpoint {
        events = List.copyOf(events);
        secrets = List.copyOf(secrets);
        description = description == null ? "" : description;
    }

    public static WebhookEndpoint create(String id, String tenantId, String url, List<String> events,
                                         String description, String secret, Instant now) {
        return new WebhookEndpoint(id, tenantId, url, events, description, true,
                List.of(new SigningSecret(secret, now, Optional.empty())), now, now, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whose secret a sealed value is: it opens only for the endpoint it was sealed for. */
    public static String owner(String tenantId, String endpointId) {
        return tenantId + "/" + endpointId;
    }

    /** The sealed secrets that sign a message sent at {@code now}: the current one first, then any still overlapping. */
    public List<String> signingSecrets(Instant now) {
        return secrets.stream().filter(s -> s.expiresAt().map(now::isBefore).orElse(true))
                .map(SigningSecret::secret).toList();
    }

    /** A new current secret; the previous ones stay valid until {@code overlapEnds}, expired ones are dropped. */
    public WebhookEndpoint withRotatedSecret(String secret, Instant now, Instant overlapEnds) {
        List<SigningSecret> kept = new ArrayList<>();
        kept.add(new SigningSecret(secret, now, Optional.empty()));
        secrets.stream().filter(s -> s.expiresAt().map(now::isBefore).orElse(true))
                .map(s -> new SigningSecret(s.secret(), s.createdAt(), Optional.of(s.expiresAt().orElse(overlapEnds))))
                .forEach(kept::add);
        return new WebhookEndpoint(id, tenantId, url, events, description, enabled, kept, createdAt, now,
                failingSince, disabledAt, disabledReason, etag);
    }

    public WebhookEndpoint withChanges(String newUrl, List<String> newEvents, String newDescription,
                                       boolean nowEnabled, Instant now) {
        boolean reEnabled = nowEnabled && !enabled;
        return new WebhookEndpoint(id, tenantId, newUrl, newEvents, newDescription, nowEnabled, secrets, createdAt,
                now, reEnabled ? Optional.empty() : failingSince,
                nowEnabled ? Optional.empty() : disabledAt.or(() -> Optional.of(now)),
                nowEnabled ? Optional.empty() : disabledReason.or(() -> Optional.of("disabled by the tenant")), etag);
    }

    /** After a successful attempt: healthy again. */
    public WebhookEndpoint healthy(Instant now) {
        return new WebhookEndpoint(id, tenantId, url, events, description, enabled, secrets, createdAt, now,
                Optional.empty(), disabledAt, disabledReason, etag);
    }

    /** After a failed attempt: failing since the first failure, and disabled once that is older than the limit. */
    public WebhookEndpoint failed(Instant now, Duration disableAfter) {
        Instant since = failingSince.orElse(now);
        boolean disable = enabled && !since.plus(disableAfter).isAfter(now);
        return new WebhookEndpoint(id, tenantId, url, events, description, enabled && !disable, secrets, createdAt,
                now, Optional.of(since), disable ? Optional.of(now) : disabledAt,
                disable ? Optional.of("failing since " + since + ", longer than " + disableAfter) : disabledReason, etag);
    }

    public WebhookEndpoint withEtag(String newEtag) {
        return new WebhookEndpoint(id, tenantId, url, events, description, enabled, secrets, createdAt, updatedAt,
                failingSince, disabledAt, disabledReason, Optional.ofNullable(newEtag));
    }
}
