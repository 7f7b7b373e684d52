package com.contoso.media.app;

import com.azure.cosmos.CosmosClient;
import com.azure.storage.blob.BlobServiceClient;
import com.contoso.media.config.Settings;
import com.contoso.media.intake.FfmpegMediaProbe;
import com.contoso.media.storage.AccountKeySasSigner;
import com.contoso.media.storage.BlobMediaStore;
import com.contoso.media.storage.SasSigner;
import com.contoso.media.storage.UserDelegationSasSigner;
import com.contoso.media.uploads.CosmosUploadRepository;
import java.time.Clock;

/** Builds the {@link Backend} over Azure: Blob Storage, Cosmos DB, managed identity. */
public final class AzureBackend {

    private AzureBackend() {
    }

    public static Backend create(Settings settings) {
        Clock clock = Clock.systemUTC();
        BlobServiceClient blobs = AzureClients.blobService(settings);
        SasSigner signer = AzureClients.storageConnectionString(settings).isPresent()
                ? new AccountKeySasSigner()
                : new UserDelegationSasSigner(blobs, clock);
        CosmosClient cosmos = AzureClients.cosmos(settings);
        var uploadsContainer = cosmos.getDatabase(settings.get("COSMOS_DATABASE", "media"))
                .getContainer(settings.get("COSMOS_UPLOADS_CONTAINER", "uploads"));
        return new Backend(settings, new CosmosUploadRepository(uploadsContainer),
                new BlobMediaStore(blobs, signer, clock), new FfmpegMediaProbe(settings.find("FFMPEG_PATH")), clock);
    }
}
