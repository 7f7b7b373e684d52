package com.contoso.media.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class BlobMediaStoreTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private final BlobServiceClient service = mock(BlobServiceClient.class);
    private final BlobContainerClient container = mock(BlobContainerClient.class);
    private final BlobClient blob = mock(BlobClient.class);
    private final SasSigner signer = mock(SasSigner.class);
    private final BlobMediaStore store = new BlobMediaStore(service, signer, Clock.fixed(NOW, ZoneOffset.UTC));
    private final BlobRef ref = new BlobRef("uploads", "t/u/a.mp4");

    BlobMediaStoreTest() {
        when(service.getBlobContainerClient("uploads")).thenReturn(container);
        when(container.getBlobClient("t/u/a.mp4")).thenReturn(blob);
        when(blob.getBlobUrl()).thenReturn("https://acct.blob.core.windows.net/uploads/t/u/a.mp4");
        when(signer.sign(any(), any())).thenReturn("sv=x&sig=y");
        when(signer.uploadPermission()).thenReturn(new BlobSasPermission().setCreatePermission(true));
    }

    @Test
    void uploadSasHasTheSignersUploadPermissionForThatBlobUntilItsExpiry() {
        Instant expiry = NOW.plusSeconds(900);

        UploadTarget target = store.issueUploadTarget(ref, "video/mp4", Map.of("correlationid", "c1"), expiry);

        BlobServiceSasSignatureValues values = signedValues();
        assertThat(values.getPermissions()).isEqualTo("c");
        assertThat(values.getExpiryTime()).isEqualTo(OffsetDateTime.ofInstant(expiry, ZoneOffset.UTC));
        assertThat(values.getStartTime()).isEqualTo(OffsetDateTime.ofInstant(NOW.minusSeconds(300), ZoneOffset.UTC));
        assertThat(values.getProtocol()).isEqualTo(SasProtocol.HTTPS_ONLY);
        assertThat(target.url()).isEqualTo("https://acct.blob.core.windows.net/uploads/t/u/a.mp4?sv=x&sig=y");
        assertThat(target.headers()).containsEntry("x-ms-blob-type", "BlockBlob")
                .containsEntry("Content-Type", "video/mp4").containsEntry("x-ms-meta-correlationid", "c1");
    }

    @Test
    void aDownloadUrlIsReadOnlyAndNamesTheFileAndItsType() {
        store.downloadUrl(ref, "Résumé \"final\".pdf", "application/pdf", NOW.plusSeconds(600));

        BlobServiceSasSignatureValues values = signedValues();
        assertThat(values.getPermissions()).isEqualTo("r");
        assertThat(values.getContentType()).isEqualTo("application/pdf");
        assertThat(values.getContentDisposition())
                .isEqualTo("attachment; filename=\"R_sum_ _final_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf");
    }

    @Test
    void readSasIsReadOnly() {
        store.readUrl(ref, NOW.plusSeconds(600));

        assertThat(signedValues().getPermissions()).isEqualTo("r");
    }

    @Test
    void plainHttpIsAllowedOnlyWhenTheSignerSaysSo() {
        when(signer.allowsHttp()).thenReturn(true);

        store.readUrl(ref, NOW.plusSeconds(600));

        assertThat(signedValues().getProtocol()).isEqualTo(SasProtocol.HTTPS_HTTP);
    }

    @Test
    void describeAnswersEmptyForAMissingBlob() {
        BlobStorageException notFound = mock(BlobStorageException.class);
        when(notFound.getStatusCode()).thenReturn(404);
        when(blob.getProperties()).thenThrow(notFound);

        assertThat(store.describe(ref)).isEmpty();
    }

    private BlobServiceSasSignatureValues signedValues() {
        ArgumentCaptor<BlobServiceSasSignatureValues> values = ArgumentCaptor.forClass(BlobServiceSasSignatureValues.class);
        verify(signer).sign(org.mockito.ArgumentMatchers.eq(blob), values.capture());
        return values.getValue();
    }
}
