package com.contoso.media.blobs;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobBeginCopySourceRequestConditions;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobBeginCopyOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.common.sas.SasProtocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link MediaStore} on Azure Blob Storage (and Azurite). */
public final class BlobMediaStore implements MediaStore, BlobStaging {

    /** SAS start times are back-dated so a client whose clock runs slightly behind is not refused. */
    private static final Pattern BLOCK_ID = Pattern.compile("g(\\d{5})-b(\\d{7})");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A copy within one account completes in seconds even for gigabytes; this bounds a stuck one. */
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COPY_POLL_INTERVAL = Duration.ofMillis(250);
    /** What one storage read of a ranged stream fetches: ffmpeg reads a few KiB at a seek, megabytes when it decodes. */
    private static final int RANGE_BLOCK_BYTES = 1024 * 1024;

    private final BlobServiceClient service;
    private final SasSigner signer;
    private final Clock clock;

    public BlobMediaStore(BlobServiceClient service, SasSigner signer, Clock clock) {
        this.service = service;
        this.signer = signer;
        this.clock = clock;
    }

    @Override
    public UploadTarget issueUploadTarget(BlobRef blob, String contentType, Map<String, String> metadata,
                                          Instant expiresAt) {
        BlobClient client = blobClient(blob);
        String url = client.getBlobUrl() + "?" + signer.sign(client, sasValues(signer.uploadPermission(), expiresAt));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-ms-blob-type", "BlockBlob");
        headers.put("Content-Type", contentType);
        metadata.forEach((name, value) -> headers.put("x-ms-meta-" + name, value));
        return new UploadTarget(url, "PUT", headers, expiresAt);
    }

    @Override
    public String readUrl(BlobRef blob, Instant expiresAt) {
        return blobClient(blob).getBlobUrl() + "?" + readSas(blob, expiresAt);
    }

    @Override
    public String downloadUrl(BlobRef blob, String fileName, String contentType, Instant expiresAt) {
        BlobClient client = blobClient(blob);
        BlobServiceSasSignatureValues values = sasValues(new BlobSasPermission().setReadPermission(true), expiresAt)
                .setContentDisposition(ContentDisposition.attachment(fileName))
                .setContentType(contentType);
        return client.getBlobUrl() + "?" + signer.sign(client, values);
    }

    @Override
    public String readSas(BlobRef blob, Instant expiresAt) {
        return signer.sign(blobClient(blob), sasValues(new BlobSasPermission().setReadPermission(true), expiresAt));
    }

    @Override
    public Optional<String> readTextWithSas(BlobRef blob, String sasQuery) {
        if (sasQuery.isBlank()) {
            return Optional.empty();
        }
        // The service's HTTP client (its connection pool) but not its pipeline: that would add the app's own
        // credential, and storage must judge the caller's SAS alone.
        BlobClient withCallersSas = new BlobClientBuilder().endpoint(blobClient(blob).getBlobUrl())
                .httpClient(service.getHttpPipeline().getHttpClient()).sasToken(sasQuery).buildClient();
        try {
            return Optional.of(withCallersSas.downloadContent().toString());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 403 || e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredBlob> describe(BlobRef blob) {
        try {
            BlobProperties properties = blobClient(blob).getProperties();
            return Optional.of(new StoredBlob(properties.getBlobSize(),
                    Optional.ofNullable(properties.getContentType()).orElse("application/octet-stream"),
                    properties.getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] readHead(BlobRef blob, int length) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(length);
        blobClient(blob).downloadStreamWithResponse(head, new BlobRange(0, (long) length), null, null, false,
                null, Context.NONE);
        return head.toByteArray();
    }

    @Override
    public void readRange(BlobRef blob, String etag, long offset, long count, OutputStream out) {
        // A stream we copy from, not a download the SDK writes into `out`: ffmpeg hangs up whenever it seeks, and
        // that must end the read quietly (the SDK logs a write failure as an error) without fetching the rest.
        BlobInputStreamOptions options = new BlobInputStreamOptions().setRange(new BlobRange(offset, count))
                .setRequestConditions(new BlobRequestConditions().setIfMatch(etag)).setBlockSize(RANGE_BLOCK_BYTES);
        try (InputStream in = blobClient(blob).openInputStream(options)) {
            in.transferTo(out);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                throw new BlobChangedException(blob, etag);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void downloadTo(BlobRef blob, Path file) {
        blobClient(blob).downloadToFile(file.toString(), true);
    }

    @Override
    public void upload(BlobRef blob, Path file, String contentType) {
        blobClient(blob).uploadFromFileWithResponse(new BlobUploadFromFileOptions(file.toString())
                .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, Context.NONE);
    }

    @Override
    public void write(BlobRef blob, byte[] content, String contentType) {
        blobClient(blob).uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromBytes(content))
                .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, Context.NONE);
    }

    @Override
    public void copy(BlobRef source, String sourceEtag, BlobRef target, Map<String, String> tags) {
        // The source travels as a URL with its own short read SAS: Azure authorizes a copy's source apart from its
        // destination, and a SAS works for both the identity (user delegation) and Azurite (account key).
        String sourceUrl = readUrl(source, clock.instant().plus(COPY_TIMEOUT));
        PollResponse<BlobCopyInfo> done;
        try {
            SyncPoller<BlobCopyInfo, Void> copy = blobClient(target).beginCopy(new BlobBeginCopyOptions(sourceUrl)
                    .setSourceRequestConditions(new BlobBeginCopySourceRequestConditions().setIfMatch(sourceEtag))
                    .setTags(tags).setPollInterval(COPY_POLL_INTERVAL));
            done = copy.waitForCompletion(COPY_TIMEOUT);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                throw new BlobChangedException(source, sourceEtag);
            }
            throw e;
        }
        CopyStatusType status = done.getValue() == null ? null : done.getValue().getCopyStatus();
        if (status != CopyStatusType.SUCCESS) {
            throw new IllegalStateException("Copy of " + source + " to " + target + " ended " + status);
        }
    }

    @Override
    public boolean delete(BlobRef blob) {
        return blobClient(blob).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE)
                .getValue();
    }

    @Override
    public List<ListedBlob> listModifiedBefore(String container, Instant cutoff, int max) {
        List<ListedBlob> found = new ArrayList<>();
        for (BlobItem item : service.getBlobContainerClient(container).listBlobs()) {
            Instant modified = item.getProperties().getLastModified().toInstant();
            if (modified.isBefore(cutoff)) {
                found.add(new ListedBlob(new BlobRef(container, item.getName()), modified));
                if (found.size() == max) {
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public int deleteAll(String container, String prefix) {
        BlobContainerClient containerClient = service.getBlobContainerClient(container);
        int deleted = 0;
        for (var item : containerClient.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
            blobClient(new BlobRef(container, item.getName()))
                    .deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null, Context.NONE);
            deleted++;
        }
        return deleted;
    }

    @Override
    public void ping() {
        service.getProperties();
    }

    @Override
    public Map<Integer, Long> stagedBlocks(BlobRef blob, int generation) {
        BlockList list;
        try {
            list = blobClient(blob).getBlockBlobClient().listBlocks(BlockListType.UNCOMMITTED);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Map.of();
            }
            throw e;
        }
        Map<Integer, Long> staged = new HashMap<>();
        for (Block block : list.getUncommittedBlocks()) {
            String id = new String(Base64.getDecoder().decode(block.getName()), StandardCharsets.US_ASCII);
            Matcher parts = BLOCK_ID.matcher(id);
            if (parts.matches() && Integer.parseInt(parts.group(1)) == generation) {
                staged.put(Integer.parseInt(parts.group(2)), block.getSizeLong());
            }
        }
        return staged;
    }

    @Override
    public void stageBlock(BlobRef blob, int generation, int index, byte[] bytes, int length) {
        blobClient(blob).getBlockBlobClient().stageBlock(blockId(generation, index),
                BinaryData.fromBytes(Arrays.copyOf(bytes, length)));
    }

    @Override
    public void commitBlocks(BlobRef blob, int generation, int count, String contentType,
                             Map<String, String> metadata) {
        List<String> ids = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            ids.add(blockId(generation, index));
        }
        blobClient(blob).getBlockBlobClient().commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(ids)
                .setHeaders(new BlobHttpHeaders().setContentType(contentType)).setMetadata(metadata), null,
                Context.NONE);
    }

    /** Every id of a blob has the same length, as storage requires: the generation, then the block's index. */
    private static String blockId(int generation, int index) {
        return Base64.getEncoder().encodeToString(String.format("g%05d-b%07d", generation, index)
                .getBytes(StandardCharsets.US_ASCII));
    }

    private BlobClient blobClient(BlobRef blob) {
        return service.getBlobContainerClient(blob.container()).getBlobClient(blob.name());
    }

    private BlobServiceSasSignatureValues sasValues(BlobSasPermission permission, Instant expiresAt) {
        OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
        return new BlobServiceSasSignatureValues(expiresAt.atOffset(ZoneOffset.UTC), permission)
                .setStartTime(now.minus(CLOCK_SKEW))
                .setProtocol(signer.allowsHttp() ? SasProtocol.HTTPS_HTTP : SasProtocol.HTTPS_ONLY);
    }
}
