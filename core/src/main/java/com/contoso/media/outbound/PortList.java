package com.contoso.media.outbound;

import com.contoso.media.config.AppSetting;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A setting's comma-separated list of TCP ports that outbound calls may use. */
public final class PortList {

    private PortList() {
    }

    public static Set<Integer> parse(AppSetting setting, String list) {
        try {
            Set<Integer> ports = Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                    .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
            if (ports.isEmpty() || ports.stream().anyMatch(p -> p < 1 || p > 65535)) {
                throw new NumberFormatException();
            }
            return ports;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(setting.settingName() + " must be a comma-separated list of ports, not " + list);
        }
    }
}
