package com.contoso.media.blobs;

/** A blob by container and name; what records and orchestrations pass around instead of bytes. */
public record BlobRef(String container, String name) {

    @Override
    public String toString() {
        return container + "/" + name;
    }
}
