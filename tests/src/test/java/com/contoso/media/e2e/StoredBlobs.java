package com.contoso.media.e2e;

import com.contoso.media.app.AzureClients;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What Azurite holds, read with the account key: the tests' view of storage, independent of the API. */
final class StoredBlobs {

    private static final BlobServiceClient AZURITE = new BlobServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private StoredBlobs() {
    }

    /** Every blob the upload has in the shared runtime's containers, as {@code container/relative-name}, inbox first. */
    static List<String> of(String tenantId, String uploadId) {
        return of("uploads", "media", tenantId, uploadId);
    }

    /**
     * The same for a runtime with its own containers. Every local runtime deletes inbox blobs it has no upload for,
     * so runtimes that share one Azurite in a test run must not share an inbox.
     */
    static List<String> of(String inbox, String library, String tenantId, String uploadId) {
        String folder = tenantId + "/" + uploadId + "/";
        List<String> found = new ArrayList<>();
        for (String container : List.of(inbox, library)) {
            AZURITE.getBlobContainerClient(container).listBlobs(new ListBlobsOptions().setPrefix(folder), null)
                    .forEach(item -> found.add(container + "/" + item.getName().substring(folder.length())));
        }
        return found;
    }

    static boolean exists(String container, String name) {
        return AZURITE.getBlobContainerClient(container).getBlobClient(name).exists();
    }

    /** Writes a blob behind the API's back, as a client racing the end of its SAS, or an attacker, would. */
    static void write(String container, String name, byte[] bytes) {
        AZURITE.getBlobContainerClient(container).getBlobClient(name).upload(BinaryData.fromBytes(bytes), true);
    }

    /** Waits until the inbox holds nothing of the upload (intake deletes within a poll or two). */
    static List<String> awaitInboxEmpty(String tenantId, String uploadId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        List<String> blobs = of(tenantId, uploadId);
        while (blobs.stream().anyMatch(blob -> blob.startsWith("uploads/")) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(100);
            blobs = of(tenantId, uploadId);
        }
        return blobs;
    }

    /** Waits until {@code container/name} is gone, or 20 s have passed; true when it is gone. */
    static boolean awaitGone(String container, String name) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (exists(container, name) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(100);
        }
        return !exists(container, name);
    }
}
