package com.contoso.media.fairuse;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/**
 * What one tenant may use of the transcoders: {@code maxActive} videos encoding at once (the rest wait, in order),
 * and {@code dailyMinutes} of video admitted for encoding per UTC day (0 = unlimited).
 */
public record FairUseLimits(int maxActive, long dailyMinutes) {

    public FairUseLimits {
        if (maxActive < 1) {
            throw new IllegalStateException(AppSetting.TENANT_MAX_ACTIVE_TRANSCODES.settingName() + " must be at least 1");
        }
        if (dailyMinutes < 0) {
            throw new IllegalStateException(AppSetting.TENANT_DAILY_TRANSCODE_MINUTES.settingName()
                    + " must be 0 (unlimited) or more");
        }
    }

    public static FairUseLimits from(Settings settings) {
        return new FairUseLimits((int) settings.getLong(AppSetting.TENANT_MAX_ACTIVE_TRANSCODES),
                settings.getLong(AppSetting.TENANT_DAILY_TRANSCODE_MINUTES));
    }

    public boolean hasQuota() {
        return dailyMinutes > 0;
    }

    public long dailySeconds() {
        return dailyMinutes * 60;
    }
}
