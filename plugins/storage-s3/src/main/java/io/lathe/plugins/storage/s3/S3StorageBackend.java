package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.storage.StorageBackend;
import io.lathe.plugin.api.storage.StorageKeys;
import io.lathe.plugin.api.storage.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * A data store in an S3 bucket: each object under the configured prefix followed by its key. Objects stream both
 * ways; see {@link StreamingUpload} for how they are written.
 *
 * <p>Thread-safe: the SDK's client is, and every call keeps its state on its own stack.
 */
final class S3StorageBackend implements StorageBackend {

    /** The longest validity SigV4 allows a presigned URL. */
    static final Duration MAX_PRESIGN_VALIDITY = Duration.ofDays(7);

    private final S3Settings settings;
    private final S3Clients clients;
    private final Clock clock;
    private final S3Failures failures;
    private final StreamingUpload upload;
    private final AtomicBoolean closed = new AtomicBoolean();

    S3StorageBackend(S3Settings settings, S3Clients clients, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failures = new S3Failures(settings);
        this.upload = new StreamingUpload(clients.client(), failures, settings.bucket(), settings.partSize());
    }

    /** Lists at most one object, to learn early whether the bucket exists and the keys are accepted. */
    void checkAccess() {
        try {
            clients.client().listObjectsV2(b -> b.bucket(settings.bucket()).prefix(settings.prefix()).maxKeys(1));
        } catch (SdkException e) {
            throw failures.of("list " + settings.describe(), e);
        }
    }

    @Override
    public StoredObject put(String key, InputStream content, long length) {
        StorageKeys.requireValid(key);
        Objects.requireNonNull(content, "content");
        long size = upload.upload(key, objectKey(key), content, length);
        // S3 answers a PUT with no date; asking for it would cost a request per object, and "now" is what it is.
        return new StoredObject(key, size, clock.instant());
    }

    @Override
    public InputStream open(String key, long offset) {
        StorageKeys.requireValid(key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0: " + offset);
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(objectKey(key));
        if (offset > 0) {
            request.range("bytes=" + offset + "-");
        }
        try {
            return clients.client().getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw failures.notFound(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                // A range that starts at the end: S3 refuses it, the contract wants an empty stream.
                StoredObject object = stat(key).orElseThrow(() -> failures.notFound(key));
                if (offset >= object.size()) {
                    return InputStream.nullInputStream();
                }
            }
            throw failures.of("read '" + key + "'", e);
        } catch (SdkException e) {
            throw failures.of("read '" + key + "'", e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        StorageKeys.requireValid(key);
        try {
            HeadObjectResponse head = clients.client().headObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
            return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failures.of("describe '" + key + "'", e);
        } catch (SdkException e) {
            throw failures.of("describe '" + key + "'", e);
        }
    }

    @Override
    public void list(String prefix, Consumer<StoredObject> visitor) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(visitor, "visitor");
        int strip = settings.prefix().length();
        try {
            // The paginator fetches the next page (1,000 keys) only when the previous one is used up.
            for (S3Object object : clients.client().listObjectsV2Paginator(
                    b -> b.bucket(settings.bucket()).prefix(settings.prefix() + prefix)).contents()) {
                String key = object.key().substring(strip);
                // "Folders" made in a bucket's web console are empty objects named "a/b/": no key of ours.
                if (!key.isEmpty() && !key.endsWith("/")) {
                    visitor.accept(new StoredObject(key, object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failures.of("list '" + prefix + "'", e);
        }
    }

    @Override
    public void delete(String key) {
        StorageKeys.requireValid(key);
        try {
            clients.client().deleteObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
        } catch (SdkException e) {
            throw failures.of("delete '" + key + "'", e);
        }
    }

    /** Signs a GET for the object, offline; the URL works until {@code validFor} has passed, up to 7 days. */
    @Override
    public Optional<URI> presignedDownload(String key, Duration validFor) {
        StorageKeys.requireValid(key);
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_PRESIGN_VALIDITY) > 0) {
            throw new IllegalArgumentException("validFor must be positive and at most 7 days, not " + validFor);
        }
        try {
            PresignedGetObjectRequest presigned = clients.presigner().presignGetObject(b -> b
                    .signatureDuration(validFor)
                    .getObjectRequest(g -> g.bucket(settings.bucket()).key(objectKey(key))));
            return Optional.of(presigned.url().toURI());
        } catch (SdkException e) {
            throw failures.of("sign a download of '" + key + "'", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed a URL that is no URI", e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clients.close();
        }
    }

    private String objectKey(String key) {
        return settings.prefix() + key;
    }
}
