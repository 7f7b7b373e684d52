package com.contoso.media.health;

import com.contoso.media.http.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/health}: each dependency's state; 503 when any is down so load balancers can act on it. */
public final class HealthApi {

    private final Map<String, Runnable> checks;

    public HealthApi(Map<String, Runnable> checks) {
        this.checks = Map.copyOf(checks);
    }

    /** The answer when the app refused to start: 503, and why (setting names, never their values). */
    public static ApiResponse refused(List<String> reasons) {
        return ApiResponse.json(503, Map.of("status", "refused", "reasons", reasons));
    }

    public ApiResponse check() {
        Map<String, String> dependencies = new LinkedHashMap<>();
        boolean healthy = true;
        for (Map.Entry<String, Runnable> check : checks.entrySet()) {
            try {
                check.getValue().run();
                dependencies.put(check.getKey(), "up");
            } catch (RuntimeException e) {
                healthy = false;
                dependencies.put(check.getKey(), "down: " + e.getClass().getSimpleName());
            }
        }
        return ApiResponse.json(healthy ? 200 : 503,
                Map.of("status", healthy ? "healthy" : "unhealthy", "dependencies", dependencies));
    }
}
