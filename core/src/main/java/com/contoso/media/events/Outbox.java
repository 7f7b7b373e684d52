package com.contoso.media.events;

import java.util.List;

/**
 * Port: events written atomically with the state change that raised them (the upload repository writes them),
 * waiting to be published. An entry is removed only after it was published, so a crash in between republishes
 * it: at least once, never lost.
 */
public interface Outbox {

    /** Up to {@code limit} unpublished events, oldest first. */
    List<UploadEvent> pending(int limit);

    /** Marks {@code event} published; removing one that is already gone is not an error. */
    void remove(UploadEvent event);
}
