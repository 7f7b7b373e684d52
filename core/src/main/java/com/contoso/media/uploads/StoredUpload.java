package com.contoso.media.uploads;

import com.contoso.media.events.UploadEvent;
import java.util.List;

/** An upload record with the outbox entries of its partition that are not published yet. */
public record StoredUpload(Upload upload, List<UploadEvent> outbox) {

    public StoredUpload {
        outbox = List.copyOf(outbox);
    }
}
