package com.contoso.media.functions;

import com.contoso.media.transcoding.DurableTranscodeControl;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;

/**
 * The scheduled jobs; schedules are app settings (NCRONTAB), documented with their reasons in the README.
 * Run one now with the host's admin API: {@code POST /admin/functions/<name>} and the master key.
 */
public class JobFunctions {

    @FunctionName("ExpireAbandonedUploads")
    public void expireAbandonedUploads(
            @TimerTrigger(name = "timer", schedule = "%EXPIRE_UPLOADS_SCHEDULE%") String timer) {
        FunctionsBackend.get().expireAbandonedUploads().run();
    }

    @FunctionName("SweepInbox")
    public void sweepInbox(@TimerTrigger(name = "timer", schedule = "%SWEEP_INBOX_SCHEDULE%") String timer) {
        FunctionsBackend.get().sweepInbox().run();
    }

    @FunctionName("TranscodeWatchdog")
    public void transcodeWatchdog(
            @TimerTrigger(name = "timer", schedule = "%TRANSCODE_WATCHDOG_SCHEDULE%") String timer,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        FunctionsBackend.get().transcodeWatchdog(new DurableTranscodeControl(DurableClients.of(durableContext)),
                FunctionsBackend.transcodeDeadline()).run();
    }

    @FunctionName("ReconcileReports")
    public void reconcileReports(
            @TimerTrigger(name = "timer", schedule = "%RECONCILE_REPORTS_SCHEDULE%") String timer) {
        FunctionsBackend.get().reconcileReports().run();
    }

    @FunctionName("WebhookWatchdog")
    public void webhookWatchdog(
            @TimerTrigger(name = "timer", schedule = "%WEBHOOK_WATCHDOG_SCHEDULE%") String timer) {
        FunctionsBackend.get().webhookWatchdog().run();
    }

    @FunctionName("RedriveDeadLetters")
    public void redriveDeadLetters(
            @TimerTrigger(name = "timer", schedule = "%REDRIVE_DEAD_LETTERS_SCHEDULE%") String timer) {
        FunctionsBackend.get().redriveDeadLetters().run();
    }
}
