package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.PluginException;
import io.lathe.plugin.api.RetriablePluginException;
import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the SDK throws into the plugin exceptions the server understands, with messages that name the setting
 * to fix. Codes: {@code bucket-not-found}, {@code access-key-refused}, {@code secret-key-refused},
 * {@code access-denied}, {@code credentials-missing}, {@code object-not-found}, {@code endpoint-unreachable} and {@code storage-unavailable}
 * (both retriable), {@code storage-error}.
 */
final class S3Failures {

    private final S3Settings settings;

    S3Failures(S3Settings settings) {
        this.settings = settings;
    }

    /** A fault while doing {@code action} (e.g. "read 'a/b'"). */
    PluginException of(String action, SdkException e) {
        if (e instanceof AwsServiceException service) {
            return ofService(action, service);
        }
        if (e instanceof SdkClientException && settings.accessKey().isEmpty()
                && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            return new PluginException("credentials-missing", "could not " + action + ": no access key is set "
                    + "and the server has no AWS credentials (environment, profile or instance role); set the "
                    + "access-key and secret-key settings", e);
        }
        if (e instanceof SdkClientException && causedByIo(e)) {
            return new RetriablePluginException("endpoint-unreachable", "could not " + action + ": cannot reach "
                    + settings.endpointName() + " (" + rootMessage(e) + "); check the endpoint setting and that "
                    + "the server is up", e);
        }
        return new PluginException("storage-error", "could not " + action + " in " + settings.describe() + ": "
                + e.getMessage(), e);
    }

    /** The caller's stream failed while it was being uploaded. */
    PluginException ofContent(String key, IOException e) {
        return new PluginException("content-unreadable", "could not read the content to store under '" + key
                + "': " + e.getMessage(), e);
    }

    PluginException notFound(String key) {
        return new PluginException("object-not-found", "no object is stored under '" + key + "' in "
                + settings.describe());
    }

    private PluginException ofService(String action, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if ("NoSuchBucket".equals(code)) {
            return new PluginException("bucket-not-found", "bucket '" + settings.bucket() + "' does not exist at "
                    + settings.endpointName() + ": create it, or correct the bucket setting", e);
        }
        if ("InvalidAccessKeyId".equals(code)) {
            return new PluginException("access-key-refused", settings.endpointName() + " refused access key '"
                    + settings.accessKey().orElse("(from the default AWS credentials)")
                    + "': it does not know it; check the access-key setting", e);
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return new PluginException("secret-key-refused", settings.endpointName() + " refused the secret key "
                    + "of access key '" + settings.accessKey().orElse("(from the default AWS credentials)")
                    + "': the request signature does not match; check the secret-key setting (and the region)", e);
        }
        if (status == 403) {
            return new PluginException("access-denied", "could not " + action + ": " + settings.endpointName()
                    + " denied access to " + settings.describe() + (code == null ? "" : " (" + code + ")")
                    + "; grant the access key rights on the bucket", e);
        }
        if (status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code)) {
            return new RetriablePluginException("storage-unavailable", "could not " + action + ": "
                    + settings.endpointName() + " answered " + status + (code == null ? "" : " " + code)
                    + "; try again later", e);
        }
        return new PluginException("storage-error", "could not " + action + " in " + settings.describe() + ": "
                + status + (code == null ? "" : " " + code) + " " + messageOf(e), e);
    }

    private static String messageOf(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root.getMessage() != null && !root.getMessage().isBlank()) {
            return root.getMessage();
        }
        // The class is for the log; a user reads what happened.
        if (root instanceof java.net.ConnectException) {
            return "the connection was refused";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        return "the request to the store failed";
    }
}
