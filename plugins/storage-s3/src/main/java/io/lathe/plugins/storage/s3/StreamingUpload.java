package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.PluginException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Writes one object from a stream with one part in memory at a time: content that fits in a part goes up as a
 * single PUT; longer content, or content of unknown length that turns out longer, as a multipart upload, which is
 * aborted if anything fails so the bucket keeps no orphan parts. Either way the object appears whole or not at all.
 */
final class StreamingUpload {

    /** S3's limit on the parts of one upload. */
    static final int MAX_PARTS = 10_000;

    private final S3Client client;
    private final S3Failures failures;
    private final String bucket;
    private final int partSize;

    StreamingUpload(S3Client client, S3Failures failures, String bucket, int partSize) {
        this.client = client;
        this.failures = failures;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * Stores {@code content} under {@code objectKey}.
     *
     * @param key the key as the server gave it, for messages
     * @param length the content's length, or -1 when not known
     * @return the number of bytes stored
     */
    long upload(String key, String objectKey, InputStream content, long length) {
        PartBuffer part = new PartBuffer(partSize, length);
        boolean more = fill(part, key, content);
        if (!more) {
            checkLength(key, length, part.size());
            try {
                client.putObject(b -> b.bucket(bucket).key(objectKey).contentLength((long) part.size()),
                        part.asRequestBody());
            } catch (SdkException e) {
                throw failures.of("store '" + key + "'", e);
            }
            return part.size();
        }
        return multipart(key, objectKey, content, length, part);
    }

    private long multipart(String key, String objectKey, InputStream content, long length, PartBuffer part) {
        String uploadId;
        try {
            CreateMultipartUploadResponse created =
                    client.createMultipartUpload(b -> b.bucket(bucket).key(objectKey));
            uploadId = created.uploadId();
        } catch (SdkException e) {
            throw failures.of("start the upload of '" + key + "'", e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            // The buffer holds the first part, and more follows: the look-ahead guarantees each later fill is
            // not empty.
            boolean more = true;
            while (true) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new PluginException("object-too-large", "'" + key + "' is longer than " + MAX_PARTS
                            + " parts of " + (partSize >> 20) + " MiB; raise the part-size-mib setting");
                }
                long partLength = part.size();
                UploadPartResponse uploaded = client.uploadPart(b -> b.bucket(bucket).key(objectKey)
                        .uploadId(uploadId).partNumber(number).contentLength(partLength), part.asRequestBody());
                parts.add(CompletedPart.builder().partNumber(number).eTag(uploaded.eTag()).build());
                total += partLength;
                if (!more) {
                    break;
                }
                more = fill(part, key, content);
            }
            checkLength(key, length, total);
            client.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (RuntimeException e) {
            abort(objectKey, uploadId, e);
            throw e instanceof SdkException sdk ? failures.of("store '" + key + "'", sdk) : e;
        }
    }

    private boolean fill(PartBuffer part, String key, InputStream content) {
        try {
            return part.fill(content);
        } catch (IOException e) {
            throw failures.ofContent(key, e);
        }
    }

    private static void checkLength(String key, long expected, long actual) {
        if (expected >= 0 && expected != actual) {
            throw new PluginException("length-mismatch", "the content for '" + key + "' was " + actual
                    + " bytes long, not the " + expected + " bytes announced");
        }
    }

    private void abort(String objectKey, String uploadId, RuntimeException failure) {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            failure.addSuppressed(e);
        }
    }
}
