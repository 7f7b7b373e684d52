package com.contoso.media.blobs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * User-delegation SAS signed with a key obtained through the app's managed identity. The key is cached and
 * renewed well before it expires, so signing costs no round trip on the hot path.
 */
public final class UserDelegationSasSigner implements SasSigner {

    private static final Duration KEY_LIFETIME = Duration.ofHours(6);
    /** Renew while the key still outlives any SAS we might sign with it. */
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofHours(2);

    private final BlobServiceClient service;
    private final Clock clock;
    private UserDelegationKey key;

    public UserDelegationSasSigner(BlobServiceClient service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Override
    public String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
        return blob.generateUserDelegationSas(values, currentKey());
    }

    /** Create alone: storage refuses any overwrite of the blob once it exists. */
    @Override
    public BlobSasPermission uploadPermission() {
        return new BlobSasPermission().setCreatePermission(true);
    }

    @Override
    public boolean allowsHttp() {
        return false;
    }

    private synchronized UserDelegationKey currentKey() {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        if (key == null || key.getSignedExpiry().isBefore(now.plus(RENEW_BEFORE_EXPIRY))) {
            key = service.getUserDelegationKey(now.minusMinutes(5), now.plus(KEY_LIFETIME));
        }
        return key;
    }
}
