package com.contoso.media.devhost;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobCorsRule;
import com.azure.storage.blob.models.BlobServiceProperties;
import java.util.List;

/**
 * Lets pages in a browser PUT to the upload SAS URL (single PUT, or Put Block and Put Block List as
 * {@code @azure/storage-blob} sends them) and GET what the library serves: without a rule Azurite answers every
 * preflight with 403. Azurite listens on loopback only, so any origin may ask; Bicep sets the same rule in Azure
 * for the configured origins.
 */
final class AzuriteCors {

    private AzuriteCors() {
    }

    static void allowBrowsers(BlobServiceClient blobs) {
        BlobCorsRule rule = new BlobCorsRule()
                .setAllowedOrigins("*")
                .setAllowedMethods("PUT,GET,HEAD,OPTIONS")
                .setAllowedHeaders("content-type,content-length,range,x-ms-*")
                .setExposedHeaders("etag,content-type,content-length,content-range,content-disposition,x-ms-*")
                .setMaxAgeInSeconds(3600);
        BlobServiceProperties properties = blobs.getProperties();
        blobs.setProperties(properties.setCors(List.of(rule)));
    }
}
