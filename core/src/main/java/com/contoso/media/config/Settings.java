package com.contoso.media.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;

/**
 * App settings (environment variables under Functions, the same names in the local runtime), read through the
 * {@link AppSetting} catalogue, which holds every name, default and meaning.
 */
public final class Settings {

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    public Optional<String> find(AppSetting setting) {
        return Optional.ofNullable(values.get(setting.settingName())).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** The value, or the catalogue's default. */
    public String get(AppSetting setting) {
        return find(setting).orElseGet(() -> {
            if (setting.defaultValue() == null) {
                throw new IllegalStateException("App setting " + setting.settingName() + " is required");
            }
            return setting.defaultValue();
        });
    }

    public String require(AppSetting setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(
                "App setting " + setting.settingName() + " is required (" + setting.meaning() + ")"));
    }

    /** A number of minutes, decimals allowed (0.05 is 3 seconds: what tests of expiry use). */
    public Duration getMinutes(AppSetting setting) {
        String value = get(setting);
        try {
            double minutes = Double.parseDouble(value);
            if (!(minutes > 0) || Double.isInfinite(minutes)) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(minutes * 60_000));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("App setting " + setting.settingName() + " must be a positive number of"
                    + " minutes, not '" + value + "'", e);
        }
    }

    public long getLong(AppSetting setting) {
        String value = get(setting);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("App setting " + setting.settingName() + " must be a whole number, not '"
                    + value + "'", e);
        }
    }

    /** A comma-separated list. */
    public List<String> getList(AppSetting setting) {
        return Arrays.stream(get(setting).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The same settings with {@code setting} set, unless it already has a value. */
    public Settings withDefault(AppSetting setting, String value) {
        return find(setting).isPresent() ? this : with(setting, value);
    }

    /** The same settings with {@code setting} set to {@code value}. */
    public Settings with(AppSetting setting, String value) {
        Map<String, String> copy = new java.util.HashMap<>(values);
        copy.put(setting.settingName(), value);
        return new Settings(copy);
    }
}
