package com.contoso.media.storagereport;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the library holds for an upload, as the storage report splits it. */
public enum StoredKind {
    ORIGINALS("originals"), RENDITIONS("renditions"), THUMBNAILS("thumbnails"), CAPTIONS("captions");

    private final String key;

    StoredKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }
}
