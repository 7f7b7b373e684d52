package com.contoso.media.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * App settings (environment variables under Functions, the same names in the local runtime).
 * Every name read here is listed in the README's configuration table and set by Bicep.
 */
public final class Settings {

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(values.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String name, String defaultValue) {
        return find(name).orElse(defaultValue);
    }

    public String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("App setting " + name + " is required"));
    }

    public long getLong(String name, long defaultValue) {
        return find(name).map(Long::parseLong).orElse(defaultValue);
    }

    public List<String> getList(String name, List<String> defaultValue) {
        return find(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    public Settings with(String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.put(name, value);
        return new Settings(copy);
    }
}
