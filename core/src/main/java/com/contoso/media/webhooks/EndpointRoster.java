package com.contoso.media.webhooks;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's claims on its webhook endpoint limit: each endpoint id and when it was claimed. A create claims an
 * id here (a conditional write) before it writes the endpoint, so 20 concurrent creates cannot pass a limit of
 * 20; a delete gives the claim back. A claim whose endpoint never got written (a crash in between) is pruned
 * once it is older than a minute and the roster is full.
 */
public record EndpointRoster(String tenantId, Map<String, Instant> claims) {

    public EndpointRoster {
        claims = Map.copyOf(claims);
    }

    public EndpointRoster with(String endpointId, Instant at) {
        Map<String, Instant> next = new TreeMap<>(claims);
        next.put(endpointId, at);
        return new EndpointRoster(tenantId, next);
    }

    public EndpointRoster without(String endpointId) {
        Map<String, Instant> next = new TreeMap<>(claims);
        next.remove(endpointId);
        return new EndpointRoster(tenantId, next);
    }

    public int size() {
        return claims.size();
    }
}
