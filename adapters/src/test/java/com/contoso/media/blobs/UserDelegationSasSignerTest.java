package com.contoso.media.blobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UserDelegationSasSignerTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final BlobServiceClient service = mock(BlobServiceClient.class);
    private final BlobClient blob = mock(BlobClient.class);
    private final UserDelegationSasSigner signer = new UserDelegationSasSigner(service, clock);
    private final BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
            OffsetDateTime.parse("2026-05-01T12:15:00Z"), new BlobSasPermission().setReadPermission(true));

    UserDelegationSasSignerTest() {
        when(service.getUserDelegationKey(any(), any())).thenAnswer(call -> {
            UserDelegationKey key = new UserDelegationKey();
            key.setSignedExpiry(call.getArgument(1));
            return key;
        });
        when(blob.generateUserDelegationSas(any(), any())).thenReturn("skoid=...&sig=z");
    }

    @Test
    void signsWithAUserDelegationKeyAndNeverAllowsHttp() {
        assertThat(signer.sign(blob, values)).isEqualTo("skoid=...&sig=z");
        assertThat(signer.allowsHttp()).isFalse();
        verify(blob).generateUserDelegationSas(org.mockito.ArgumentMatchers.eq(values), any(UserDelegationKey.class));
    }

    @Test
    void inAzureTheUploadSasMayOnlyCreateSoStorageRefusesOverwrites() {
        assertThat(signer.uploadPermission().toString()).isEqualTo("c");
    }

    @Test
    void onAzuriteTheUploadSasAlsoWritesBecauseAzuriteRefusesBlockUploadsWithCreateAlone() {
        assertThat(new AccountKeySasSigner().uploadPermission().toString()).isEqualTo("cw");
    }

    @Test
    void theKeyIsFetchedOnceAndRenewedBeforeItExpires() {
        signer.sign(blob, values);
        now.set(now.get().plus(Duration.ofHours(3)));
        signer.sign(blob, values);
        verify(service, times(1)).getUserDelegationKey(any(), any());

        now.set(now.get().plus(Duration.ofHours(2)));
        signer.sign(blob, values);
        verify(service, times(2)).getUserDelegationKey(any(), any());
    }
}
