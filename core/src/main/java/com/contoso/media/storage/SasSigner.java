package com.contoso.media.storage;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * Signs blob SAS tokens. Azure uses user-delegation keys (the app's managed identity, no account key);
 * Azurite only supports account-key SAS.
 */
public interface SasSigner {

    String sign(BlobClient blob, BlobServiceSasSignatureValues values);

    /** Whether issued URLs may be used over plain HTTP (only for the local emulator). */
    boolean allowsHttp();
}
