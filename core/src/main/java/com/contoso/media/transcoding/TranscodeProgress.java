package com.contoso.media.transcoding;

/** The orchestration's custom status, as the status endpoint shows it. */
public record TranscodeProgress(String stage, int renditionsDone, int renditionsTotal, int percent) {
}
