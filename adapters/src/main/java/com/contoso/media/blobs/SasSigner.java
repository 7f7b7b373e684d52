package com.contoso.media.blobs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * Signs blob SAS tokens. Azure uses user-delegation keys (the app's managed identity, no account key);
 * Azurite only supports account-key SAS.
 */
public interface SasSigner {

    String sign(BlobClient blob, BlobServiceSasSignatureValues values);

    /**
     * What an upload SAS grants. Azure: create alone, so storage itself refuses an overwrite; with a user-delegation
     * SAS the service accepts Put Block and Put Block List under create for a new blob. Azurite (3.35 and 3.37)
     * maps Put Block and Put Block List to write only, so block uploads there need create+write. Either way intake
     * promotes only the exact version it validated (ETag-pinned copy), so an overwrite never reaches the library.
     */
    BlobSasPermission uploadPermission();

    /** Whether issued URLs may be used over plain HTTP (only for the local emulator). */
    boolean allowsHttp();
}
