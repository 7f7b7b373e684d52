package com.contoso.media.blobs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/** Account-key SAS, for Azurite only: Azure deployments disable shared-key access altogether. */
public final class AccountKeySasSigner implements SasSigner {

    @Override
    public String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
        return blob.generateSas(values);
    }

    /** Azurite refuses Put Block and Put Block List without write; see {@link SasSigner#uploadPermission}. */
    @Override
    public BlobSasPermission uploadPermission() {
        return new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
    }

    @Override
    public boolean allowsHttp() {
        return true;
    }
}
