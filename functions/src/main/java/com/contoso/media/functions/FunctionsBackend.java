package com.contoso.media.functions;

import com.contoso.media.app.AzureBackend;
import com.contoso.media.app.Backend;
import com.contoso.media.config.Settings;

/** The process-wide backend: SDK clients are built on first use and shared by every invocation. */
final class FunctionsBackend {

    private FunctionsBackend() {
    }

    private static final class Holder {
        private static final Backend INSTANCE = AzureBackend.create(Settings.fromEnvironment());
    }

    static Backend get() {
        return Holder.INSTANCE;
    }
}
