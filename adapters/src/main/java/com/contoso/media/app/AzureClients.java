package com.contoso.media.app;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.util.Optional;

/**
 * The one place that builds Azure SDK clients, from the same identity-based settings the Functions bindings
 * use. A connection string is accepted for storage only, and only so that Azurite works locally.
 */
public final class AzureClients {

    /**
     * One HTTP client (one connection pool) for every Storage client. OkHttp, not the SDK's default Netty: the
     * adapters call the SDK's synchronous clients, and with OkHttp such a call runs on the calling thread instead of
     * hopping to an event loop and back; side by side on Azurite's Table point reads at 200 req/s that took p99
     * from 7-11 ms to 5-6.5 ms (docs/benchmarks.md).
     */
    private static final HttpClient STORAGE_HTTP = new OkHttpAsyncHttpClientBuilder().build();

    private AzureClients() {
    }

    /** The user-assigned managed identity when {@code AZURE_CLIENT_ID} is set; developer sign-in otherwise. */
    public static TokenCredential credential(Settings settings) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        settings.find(AppSetting.MANAGED_IDENTITY_CLIENT_ID).ifPresent(builder::managedIdentityClientId);
        return builder.build();
    }

    /**
     * Azurite on this machine, named {@code localhost} as Azure's endpoints are named by host: every local run goes
     * through name resolution, as in Azure (the shorthand {@code UseDevelopmentStorage=true} means 127.0.0.1). The
     * key is Azurite's published development key, not a secret.
     */
    public static final String AZURITE_LOCALHOST = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://localhost:10000/devstoreaccount1;QueueEndpoint=http://localhost:10001/devstoreaccount1;"
            + "TableEndpoint=http://localhost:10002/devstoreaccount1;";

    /** A storage connection string in {@code AzureWebJobsStorage}: the Azurite/local case. */
    public static Optional<String> storageConnectionString(Settings settings) {
        return settings.find(AppSetting.STORAGE_CONNECTION_STRING);
    }

    public static BlobServiceClient blobService(Settings settings) {
        Optional<String> connectionString = storageConnectionString(settings);
        if (connectionString.isPresent()) {
            return new BlobServiceClientBuilder().httpClient(STORAGE_HTTP).connectionString(connectionString.get()).buildClient();
        }
        // The account's own endpoint (Bicep sets it from the resource), so no cloud's DNS suffix is assumed here.
        return new BlobServiceClientBuilder().httpClient(STORAGE_HTTP).endpoint(settings.require(AppSetting.STORAGE_BLOB_SERVICE_URI))
                .credential(credential(settings)).buildClient();
    }

    /**
     * Table storage: Azurite's with a connection string, else the account's own table endpoint with the identity.
     * The named table is created when missing.
     */
    public static TableClient table(Settings settings, AppSetting name) {
        Optional<String> connectionString = storageConnectionString(settings);
        TableServiceClient service = connectionString.isPresent()
                ? new TableServiceClientBuilder().httpClient(STORAGE_HTTP).connectionString(connectionString.get()).buildClient()
                : new TableServiceClientBuilder().httpClient(STORAGE_HTTP).endpoint(settings.require(AppSetting.STORAGE_TABLE_SERVICE_URI))
                        .credential(credential(settings)).buildClient();
        service.createTableIfNotExists(settings.get(name));
        return service.getTableClient(settings.get(name));
    }

    /**
     * Storage queues, base64 as the Functions host reads them: Azurite's with a connection string (the local
     * runtime's bus, the import queue), else the account's queue endpoint with the identity (the import queue).
     */
    public static QueueServiceClient queueService(Settings settings) {
        QueueServiceClientBuilder builder = new QueueServiceClientBuilder().httpClient(STORAGE_HTTP)
                .messageEncoding(QueueMessageEncoding.BASE64);
        Optional<String> connectionString = storageConnectionString(settings);
        return connectionString.isPresent() ? builder.connectionString(connectionString.get()).buildClient()
                : builder.endpoint(settings.require(AppSetting.STORAGE_QUEUE_SERVICE_URI))
                        .credential(credential(settings)).buildClient();
    }

    /** One AMQP connection shared by every sender built from the returned builder. */
    public static ServiceBusClientBuilder serviceBus(Settings settings) {
        return new ServiceBusClientBuilder()
                .fullyQualifiedNamespace(settings.require(AppSetting.SERVICE_BUS_NAMESPACE))
                .credential(credential(settings));
    }

    public static CosmosClient cosmos(Settings settings) {
        return new CosmosClientBuilder()
                .endpoint(settings.require(AppSetting.COSMOS_ENDPOINT))
                .credential(credential(settings))
                .contentResponseOnWriteEnabled(false)
                .buildClient();
    }
}
