package com.contoso.media.transcoding;

/** Where a transcoding orchestration stands, as far as the watchdog needs to know. */
public enum InstanceState {
    RUNNING, COMPLETED, FAILED, TERMINATED
}
