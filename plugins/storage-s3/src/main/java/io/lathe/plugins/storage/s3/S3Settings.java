package io.lathe.plugins.storage.s3;

import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.storage.StorageKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one S3 data store: their declaration, their checks and their parsed form.
 *
 * @param endpoint the server's URL; empty for Amazon S3's own endpoint of the region
 * @param region the region requests are signed for
 * @param bucket the bucket that holds the objects
 * @param prefix put before every key; empty or ending in {@code /}
 * @param accessKey the access key id; empty to use the default AWS credentials chain
 * @param secretKey the secret access key; present exactly when {@code accessKey} is
 * @param pathStyle whether the bucket goes in the URL's path rather than its host name
 * @param partSize the size of one part of a multipart upload, in bytes
 */
record S3Settings(Optional<URI> endpoint, String region, String bucket, String prefix, Optional<String> accessKey,
        Optional<String> secretKey, boolean pathStyle, int partSize) {

    static final String ENDPOINT = "endpoint";
    static final String REGION = "region";
    static final String BUCKET = "bucket";
    static final String PREFIX = "prefix";
    static final String ACCESS_KEY = "access-key";
    static final String SECRET_KEY = "secret-key";
    static final String PATH_STYLE = "path-style";
    static final String PART_SIZE_MIB = "part-size-mib";

    /** S3 refuses parts below 5 MiB (but the last); 10,000 parts of the largest size reach its 5 TiB object limit. */
    static final int MIN_PART_SIZE_MIB = 5;
    static final int MAX_PART_SIZE_MIB = 512;

    // Amazon's rules for new buckets; other servers accept a subset of what Amazon once allowed.
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

    static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(ENDPOINT, ConfigPropertyType.STRING)
                    .label("Endpoint")
                    .help("URL of an S3-compatible server, such as http://minio.internal:9000. Leave empty for "
                            + "Amazon S3.")
                    .build(),
            ConfigProperty.builder(REGION, ConfigPropertyType.STRING)
                    .label("Region")
                    .help("The region the bucket is in; requests are signed for it. Most S3-compatible servers "
                            + "accept us-east-1.")
                    .defaultValue("us-east-1")
                    .build(),
            ConfigProperty.builder(BUCKET, ConfigPropertyType.STRING)
                    .label("Bucket")
                    .help("An existing bucket; Lathe does not create it.")
                    .required()
                    .build(),
            ConfigProperty.builder(PREFIX, ConfigPropertyType.STRING)
                    .label("Key prefix")
                    .help("A folder inside the bucket for this data store's objects, such as lathe/prod. Leave "
                            + "empty to use the whole bucket.")
                    .build(),
            ConfigProperty.builder(ACCESS_KEY, ConfigPropertyType.STRING)
                    .label("Access key")
                    .help("The access key id. Leave both keys empty to use the server's AWS credentials "
                            + "(environment, profile or instance role).")
                    .build(),
            ConfigProperty.builder(SECRET_KEY, ConfigPropertyType.STRING)
                    .label("Secret key")
                    .help("The secret access key that belongs to the access key.")
                    .secret()
                    .build(),
            ConfigProperty.builder(PATH_STYLE, ConfigPropertyType.BOOLEAN)
                    .label("Path-style URLs")
                    .help("Put the bucket in the URL's path (http://host/bucket/key) instead of its host name. "
                            + "MinIO, s3proxy and most self-hosted servers need this.")
                    .defaultValue("false")
                    .build(),
            ConfigProperty.builder(PART_SIZE_MIB, ConfigPropertyType.INTEGER)
                    .label("Upload part size (MiB)")
                    .help("Larger objects are uploaded in parts of this size, one part in memory at a time per "
                            + "upload; between " + MIN_PART_SIZE_MIB + " and " + MAX_PART_SIZE_MIB + ".")
                    .defaultValue("16")
                    .build());

    /** Checks each field beyond its declared type; one error per faulty field. */
    static List<ConfigError> validate(Map<String, String> given) {
        List<ConfigError> errors = new ArrayList<>(ConfigProperty.validate(PROPERTIES, given));
        List<String> faulty = errors.stream().map(ConfigError::field).toList();
        value(given, ENDPOINT).filter(v -> !faulty.contains(ENDPOINT)).flatMap(S3Settings::endpointProblem)
                .ifPresent(message -> errors.add(new ConfigError(ENDPOINT, message)));
        value(given, REGION).filter(v -> !faulty.contains(REGION) && !REGION_NAME.matcher(v).matches())
                .ifPresent(v -> errors.add(new ConfigError(REGION,
                        "Region must be lowercase letters, digits and hyphens, such as eu-west-1, not '" + v + "'")));
        value(given, BUCKET).filter(v -> !faulty.contains(BUCKET) && !validBucketName(v))
                .ifPresent(v -> errors.add(new ConfigError(BUCKET, "Bucket '" + v + "' is not a valid bucket name: "
                        + "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter "
                        + "or digit")));
        value(given, PREFIX).filter(v -> !faulty.contains(PREFIX)).flatMap(S3Settings::prefixProblem)
                .ifPresent(message -> errors.add(new ConfigError(PREFIX, message)));
        boolean hasAccessKey = value(given, ACCESS_KEY).isPresent();
        boolean hasSecretKey = value(given, SECRET_KEY).isPresent();
        if (hasAccessKey && !hasSecretKey) {
            errors.add(new ConfigError(SECRET_KEY, "Secret key is required when an access key is given"));
        } else if (hasSecretKey && !hasAccessKey) {
            errors.add(new ConfigError(ACCESS_KEY, "Access key is required when a secret key is given"));
        }
        value(given, PART_SIZE_MIB).filter(v -> !faulty.contains(PART_SIZE_MIB)).ifPresent(v -> {
            long mib = Long.parseLong(v);
            if (mib < MIN_PART_SIZE_MIB || mib > MAX_PART_SIZE_MIB) {
                errors.add(new ConfigError(PART_SIZE_MIB, "Upload part size must be between " + MIN_PART_SIZE_MIB
                        + " and " + MAX_PART_SIZE_MIB + " MiB, not " + mib));
            }
        });
        return errors;
    }

    /** Reads settings that passed {@link #validate(Map)}. */
    static S3Settings of(Settings settings) {
        String prefix = settings.find(PREFIX).map(String::trim).map(S3Settings::normalisePrefix).orElse("");
        return new S3Settings(
                settings.find(ENDPOINT).map(String::trim).map(URI::create),
                settings.get(REGION).trim(),
                settings.get(BUCKET).trim(),
                prefix,
                settings.find(ACCESS_KEY).map(String::trim),
                settings.find(SECRET_KEY),
                settings.getBoolean(PATH_STYLE),
                Math.toIntExact(settings.getLong(PART_SIZE_MIB) * 1024 * 1024));
    }

    /** Where this data store lives, for messages: {@code bucket 'b' at http://host:9000}. */
    String describe() {
        return "bucket '" + bucket + "' at " + endpointName();
    }

    /** Names the place and leaves the keys out, so the settings can be logged. */
    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", prefix '" + prefix + "', path-style " + pathStyle + "]";
    }

    /** The endpoint as a person reads it. */
    String endpointName() {
        return endpoint.map(URI::toString).orElse("Amazon S3 (" + region + ")");
    }

    private static Optional<String> value(Map<String, String> given, String name) {
        String value = given.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<String> endpointProblem(String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return Optional.of("Endpoint must be an http or https URL with a host, such as "
                        + "https://s3.example.com, not '" + value + "'");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                return Optional.of("Endpoint must not have a query or fragment: '" + value + "'");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("Endpoint is not a valid URL: " + e.getMessage());
        }
    }

    private static boolean validBucketName(String name) {
        return BUCKET_NAME.matcher(name).matches() && !name.contains("..");
    }

    private static Optional<String> prefixProblem(String value) {
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            StorageKeys.requireValid(trimmed);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("Key prefix must be a relative path such as lathe/prod, without empty, '.' or '..' "
                    + "parts or backslashes, not '" + value + "'");
        }
    }

    private static String normalisePrefix(String value) {
        return value.endsWith("/") ? value : value + "/";
    }
}
