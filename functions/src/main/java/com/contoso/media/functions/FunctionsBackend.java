package com.contoso.media.functions;

import com.contoso.media.app.AzureBackend;
import com.contoso.media.app.Backend;
import com.contoso.media.config.Settings;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.transcoding.ClipCutter;
import com.contoso.media.transcoding.EncodeChunksOrchestration;
import com.contoso.media.transcoding.RenditionPackager;
import com.contoso.media.transcoding.TranscodeActivities;
import com.contoso.media.transcoding.TranscodeSettings;
import com.contoso.media.transcoding.TranscodeVideoOrchestration;
import java.time.Duration;

/** The process-wide backend: SDK clients are built on first use and shared by every invocation. */
final class FunctionsBackend {

    private FunctionsBackend() {
    }

    private static final class Holder {
        private static final Settings SETTINGS = Settings.fromEnvironment();
        private static final Ffmpeg FFMPEG = Ffmpeg.fromSettings(SETTINGS, TranscodeSettings.from(SETTINGS).stepTimeout());
        private static final Backend INSTANCE = AzureBackend.create(SETTINGS, FFMPEG);
    }

    /** Orchestrator code must not do I/O, so it gets only settings, not the backend. */
    private static final class Transcoding {
        private static final TranscodeSettings SETTINGS = TranscodeSettings.from(Settings.fromEnvironment());
        private static final TranscodeVideoOrchestration ORCHESTRATION = new TranscodeVideoOrchestration(SETTINGS);
        private static final EncodeChunksOrchestration CHUNKS = new EncodeChunksOrchestration(SETTINGS);
    }

    private static final class Activities {
        private static final TranscodeActivities INSTANCE = new TranscodeActivities(get().mediaStore(),
                get().mediaProbe(), get().uploadRepository(), get().transcodeSlots(), Holder.FFMPEG,
                get().policy().layout(), get().clock(), get().telemetry());
        private static final ClipCutter CLIPS = new ClipCutter(get().mediaStore(), get().uploadRepository(),
                Holder.FFMPEG, get().policy().layout(), Transcoding.SETTINGS);
        private static final RenditionPackager PACKAGER = new RenditionPackager(get().mediaStore(), Holder.FFMPEG,
                get().policy().layout());
    }

    static Backend get() {
        return Holder.INSTANCE;
    }

    static TranscodeVideoOrchestration orchestration() {
        return Transcoding.ORCHESTRATION;
    }

    static EncodeChunksOrchestration chunkOrchestration() {
        return Transcoding.CHUNKS;
    }

    static Duration transcodeDeadline() {
        return Transcoding.SETTINGS.deadline();
    }

    static TranscodeActivities activities() {
        return Activities.INSTANCE;
    }

    static ClipCutter clips() {
        return Activities.CLIPS;
    }

    static RenditionPackager packager() {
        return Activities.PACKAGER;
    }
}
