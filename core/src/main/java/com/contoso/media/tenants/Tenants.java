package com.contoso.media.tenants;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.consistency.OptimisticUpdate.Decision;
import com.contoso.media.consistency.OptimisticUpdate.Stored;
import com.contoso.media.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The onboarded tenants: which directory's tokens are let in, as which tenant, and whether it is suspended. Every
 * token's directory is looked up in a per-instance cache that is at most {@code cacheFor} old, so a suspension
 * reaches every instance within that time (at once on the instance that made it). A directory that was not found
 * is looked up again after a second, so a tenant onboarded on another instance is let in almost at once.
 */
public final class Tenants {

    /** Tenant ids become blob path segments and partition keys, so only path-safe ids are accepted. */
    public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The tenant id of the operator's own directory. */
    public static final String OPERATOR = "operator";
    /** A directory id is a store key too: Entra's GUIDs, or a consumer directory's claim values of these characters. */
    private static final Pattern DIRECTORY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_DISPLAY_NAME = 100;
    private static final int CACHE_SIZE = 10_000;
    private static final Duration MISS_REREAD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(Tenants.class);

    private final TenantRegistryStore store;
    private final Duration cacheFor;
    private final Optional<String> operatorDirectory;
    private final boolean onboardOnFirstSignIn;
    private final Clock clock;
    private final Map<String, Cached> byDirectory = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    private record Cached(Optional<Tenant> tenant, Instant readAt) {
    }

    /**
     * The operator's own directory, when given, is onboarded as {@value #OPERATOR} at its first sign-in, so that its
     * admins can onboard everyone else. With {@code onboardOnFirstSignIn} (the local runtime's dev sign-in only)
     * every unknown directory is, under its own id.
     */
    public Tenants(TenantRegistryStore store, Duration cacheFor, Optional<String> operatorDirectory,
                   boolean onboardOnFirstSignIn, Clock clock) {
        this.store = store;
        this.cacheFor = cacheFor;
        this.operatorDirectory = operatorDirectory;
        this.onboardOnFirstSignIn = onboardOnFirstSignIn;
        this.clock = clock;
    }

    /** The active tenant whose users sign in with {@code directoryId}; 401 when it is not onboarded, 403 suspended. */
    public Tenant admit(String directoryId) {
        Optional<Tenant> found = lookUp(directoryId);
        if (found.isEmpty()) {
            found = onboardAtFirstSignIn(directoryId);
        }
        Tenant tenant = found.orElseThrow(() -> new ProblemException(401, "tenant_not_onboarded",
                "Your organisation is not signed up to this service yet; its administrator can ask for it to be"
                        + " onboarded.").withHeader("WWW-Authenticate",
                "Bearer error=\"invalid_token\", error_description=\"The token's directory is not onboarded.\""));
        if (tenant.status() == Tenant.Status.Suspended) {
            throw new ProblemException(403, "tenant_suspended",
                    "Your organisation's access to this service is suspended; contact the service's support.");
        }
        return tenant;
    }

    private Optional<Tenant> lookUp(String directoryId) {
        Instant now = clock.instant();
        Cached cached = byDirectory.get(directoryId);
        Duration maxAge = cached != null && cached.tenant().isEmpty() ? MISS_REREAD : cacheFor;
        if (cached == null || !cached.readAt().plus(maxAge).isAfter(now)) {
            Optional<Tenant> read = DIRECTORY_ID.matcher(directoryId).matches()
                    ? store.findByDirectory(directoryId).map(Stored::value) : Optional.empty();
            cached = new Cached(read, now);
            byDirectory.put(directoryId, cached);
        }
        return cached.tenant();
    }

    private Optional<Tenant> onboardAtFirstSignIn(String directoryId) {
        if (operatorDirectory.filter(directoryId::equals).isPresent()) {
            return Optional.of(onboard(OPERATOR, directoryId, "Operator").tenant());
        }
        if (onboardOnFirstSignIn && SAFE_ID.matcher(directoryId).matches()) {
            return Optional.of(onboard(directoryId, directoryId, directoryId).tenant());
        }
        return Optional.empty();
    }

    /** The result of onboarding: the tenant, and whether this call created it (false: it was already there). */
    public record Onboarded(Tenant tenant, boolean created) {
    }

    /** Onboards a directory as a tenant; again with the same pair is a no-op, either key taken otherwise is 409. */
    public Onboarded onboard(String tenantId, String directoryId, String displayName) {
        requireValid(tenantId, directoryId, displayName);
        Instant now = clock.instant();
        Tenant tenant = new Tenant(tenantId, directoryId, displayName, Tenant.Status.Active, now, now);
        boolean created = store.insert(tenant);
        byDirectory.remove(directoryId);
        if (created) {
            LOG.info("onboarded tenant {} for directory {}", tenantId, directoryId);
            return new Onboarded(tenant, true);
        }
        Optional<Tenant> sameDirectory = store.findByDirectory(directoryId).map(Stored::value);
        if (sameDirectory.filter(t -> t.tenantId().equals(tenantId)).isPresent()) {
            return new Onboarded(sameDirectory.get(), false);
        }
        if (sameDirectory.isPresent()) {
            throw new ProblemException(409, "directory_already_onboarded", "The directory " + directoryId
                    + " is already onboarded as tenant " + sameDirectory.get().tenantId() + ".");
        }
        throw new ProblemException(409, "tenant_exists", "A tenant with the id " + tenantId
                + " is already onboarded, for another directory.");
    }

    public List<Tenant> list() {
        return store.list();
    }

    public Tenant find(String tenantId) {
        return store.findById(tenantId).map(Stored::value).orElseThrow(() -> notFound(tenantId));
    }

    /** Suspends or reactivates a tenant; a suspended tenant's tokens are refused with 403 {@code tenant_suspended}. */
    public Tenant setStatus(String tenantId, Tenant.Status status) {
        // An unknown tenant is a 404 from the read; a tenant is only ever replaced, never created, here.
        OptimisticUpdate.Document<Tenant> entry = OptimisticUpdate.Document.of(
                () -> Optional.of(store.findById(tenantId).orElseThrow(() -> notFound(tenantId))),
                (next, ifMatch) -> store.replace(next, ifMatch.orElseThrow()));
        Tenant changed = OptimisticUpdate.apply("Tenant " + tenantId, entry, () -> {
            throw notFound(tenantId);
        }, tenant -> {
            Tenant next = tenant.status() == status ? tenant : tenant.withStatus(status, clock.instant());
            return new Decision<>(next, next);
        });
        byDirectory.remove(changed.directoryId()); // this instance sees its own change at once
        LOG.info("tenant {} is {}", tenantId, status);
        return changed;
    }

    private static void requireValid(String tenantId, String directoryId, String displayName) {
        if (tenantId == null || !SAFE_ID.matcher(tenantId).matches()) {
            throw ProblemException.badRequest("invalid_tenant_id",
                    "tenantId must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (directoryId == null || !DIRECTORY_ID.matcher(directoryId).matches()) {
            throw ProblemException.badRequest("invalid_directory_id",
                    "directoryId must be 1 to 128 letters, digits, '.', '_', ':' or '-'.");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME
                || displayName.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid_display_name",
                    "displayName must be 1 to " + MAX_DISPLAY_NAME + " characters without control characters.");
        }
    }

    private static ProblemException notFound(String tenantId) {
        return ProblemException.notFound("No tenant " + tenantId + " is onboarded.");
    }
}
