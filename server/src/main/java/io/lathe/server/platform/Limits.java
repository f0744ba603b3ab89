package io.lathe.server.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How much callers and jobs may send, read once through MicroProfile Config like {@link LatheSettings}: environment
 * variables {@code LATHE_MAX_...} or system properties {@code lathe.max....}. Every refusal names its variable and
 * value, so that an administrator knows which to raise. The table in {@code docs/admin-guide.md} ("Limits") lists
 * them.
 */
@ApplicationScoped
public class Limits {

    public static final String MAX_REQUEST_BYTES = "LATHE_MAX_REQUEST_BYTES";
    public static final String MAX_PACKAGE_BYTES = "LATHE_MAX_PACKAGE_BYTES";
    public static final String MAX_PACKAGE_FILES = "LATHE_MAX_PACKAGE_FILES";
    public static final String MAX_UNPACKED_BYTES = "LATHE_MAX_UNPACKED_BYTES";
    public static final String MAX_LOG_LINE_BYTES = "LATHE_MAX_LOG_LINE_BYTES";
    public static final String MAX_METADATA_LINE_BYTES = "LATHE_MAX_METADATA_LINE_BYTES";
    public static final String MAX_PLUGIN_BYTES = "LATHE_MAX_PLUGIN_BYTES";
    public static final String MAX_INPUT_BYTES = "LATHE_MAX_INPUT_BYTES";

    public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_PACKAGE_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_PACKAGE_FILES = 50_000;
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_LOG_LINE_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_METADATA_LINE_BYTES = 256 * 1024;
    public static final long DEFAULT_MAX_PLUGIN_BYTES = 256L * 1024 * 1024;
    public static final long DEFAULT_MAX_INPUT_BYTES = 100L * 1024 * 1024 * 1024;

    private long maxRequestBytes;
    private long maxPackageBytes;
    private int maxPackageFiles;
    private long maxUnpackedBytes;
    private int maxLogLineBytes;
    private int maxMetadataLineBytes;
    private long maxPluginBytes;
    private long maxInputBytes = DEFAULT_MAX_INPUT_BYTES;

    protected Limits() {
        // for CDI proxies
    }

    /**
     * Reads the settings as text and parses them here: MicroProfile Config as Payara has it falls back to the default
     * when a value is not a number, which would hide a typo.
     *
     * @throws IllegalArgumentException when a limit is not a whole number of 1 or more; the message names the variable
     */
    @Inject
    public Limits(
            @ConfigProperty(name = "lathe.max.request.bytes", defaultValue = "" + DEFAULT_MAX_REQUEST_BYTES)
            String maxRequestBytes,
            @ConfigProperty(name = "lathe.max.package.bytes", defaultValue = "" + DEFAULT_MAX_PACKAGE_BYTES)
            String maxPackageBytes,
            @ConfigProperty(name = "lathe.max.package.files", defaultValue = "" + DEFAULT_MAX_PACKAGE_FILES)
            String maxPackageFiles,
            @ConfigProperty(name = "lathe.max.unpacked.bytes", defaultValue = "" + DEFAULT_MAX_UNPACKED_BYTES)
            String maxUnpackedBytes,
            @ConfigProperty(name = "lathe.max.log.line.bytes", defaultValue = "" + DEFAULT_MAX_LOG_LINE_BYTES)
            String maxLogLineBytes,
            @ConfigProperty(name = "lathe.max.metadata.line.bytes", defaultValue = "" + DEFAULT_MAX_METADATA_LINE_BYTES)
            String maxMetadataLineBytes,
            @ConfigProperty(name = "lathe.max.plugin.bytes", defaultValue = "" + DEFAULT_MAX_PLUGIN_BYTES)
            String maxPluginBytes,
            @ConfigProperty(name = "lathe.max.input.bytes", defaultValue = "" + DEFAULT_MAX_INPUT_BYTES)
            String maxInputBytes) {
        this(parse(MAX_REQUEST_BYTES, maxRequestBytes, Long.MAX_VALUE),
                parse(MAX_PACKAGE_BYTES, maxPackageBytes, Long.MAX_VALUE),
                (int) parse(MAX_PACKAGE_FILES, maxPackageFiles, Integer.MAX_VALUE),
                parse(MAX_UNPACKED_BYTES, maxUnpackedBytes, Long.MAX_VALUE),
                (int) parse(MAX_LOG_LINE_BYTES, maxLogLineBytes, Integer.MAX_VALUE),
                (int) parse(MAX_METADATA_LINE_BYTES, maxMetadataLineBytes, Integer.MAX_VALUE),
                parse(MAX_PLUGIN_BYTES, maxPluginBytes, Long.MAX_VALUE));
        this.maxInputBytes = positive(MAX_INPUT_BYTES, parse(MAX_INPUT_BYTES, maxInputBytes, Long.MAX_VALUE));
    }

    /** @throws IllegalArgumentException when a limit is below 1; the message names the variable */
    public Limits(long maxRequestBytes, long maxPackageBytes, int maxPackageFiles, long maxUnpackedBytes,
            int maxLogLineBytes, int maxMetadataLineBytes) {
        this(maxRequestBytes, maxPackageBytes, maxPackageFiles, maxUnpackedBytes, maxLogLineBytes,
                maxMetadataLineBytes, DEFAULT_MAX_PLUGIN_BYTES);
    }

    /** @throws IllegalArgumentException when a limit is below 1; the message names the variable */
    public Limits(long maxRequestBytes, long maxPackageBytes, int maxPackageFiles, long maxUnpackedBytes,
            int maxLogLineBytes, int maxMetadataLineBytes, long maxPluginBytes) {
        this.maxPluginBytes = positive(MAX_PLUGIN_BYTES, maxPluginBytes);
        this.maxRequestBytes = positive(MAX_REQUEST_BYTES, maxRequestBytes);
        this.maxPackageBytes = positive(MAX_PACKAGE_BYTES, maxPackageBytes);
        this.maxPackageFiles = (int) positive(MAX_PACKAGE_FILES, maxPackageFiles);
        this.maxUnpackedBytes = positive(MAX_UNPACKED_BYTES, maxUnpackedBytes);
        this.maxLogLineBytes = (int) positive(MAX_LOG_LINE_BYTES, maxLogLineBytes);
        this.maxMetadataLineBytes = (int) positive(MAX_METADATA_LINE_BYTES, maxMetadataLineBytes);
    }

    /** The documented defaults. */
    public static Limits defaults() {
        return new Limits(DEFAULT_MAX_REQUEST_BYTES, DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_MAX_PACKAGE_FILES,
                DEFAULT_MAX_UNPACKED_BYTES, DEFAULT_MAX_LOG_LINE_BYTES, DEFAULT_MAX_METADATA_LINE_BYTES);
    }

    /** The limits in force, for the start-up banner. */
    public String describe() {
        return "request " + maxRequestBytes + " B, package " + maxPackageBytes + " B and " + maxPackageFiles
                + " files, " + maxUnpackedBytes
                + " B unpacked, log line " + maxLogLineBytes + " B, metadata line " + maxMetadataLineBytes
                + " B, plugin " + maxPluginBytes + " B, http(s) input " + maxInputBytes + " B";
    }

    /** The largest request body read into memory (JSON), in bytes; uploads of code have their own limit. */
    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /** The largest code package uploaded, in bytes, as sent (compressed). */
    public long maxPackageBytes() {
        return maxPackageBytes;
    }

    /** The most entries (files, folders and links) in a code package. */
    public int maxPackageFiles() {
        return maxPackageFiles;
    }

    /**
     * The most bytes a code package's files may hold once unpacked: a small compressed package can declare
     * gigabytes of files (a decompression bomb), which would fill the disk of every execution that unpacks it.
     */
    public long maxUnpackedBytes() {
        return maxUnpackedBytes;
    }

    /** The longest log line kept whole, in bytes of UTF-8; longer lines are cut. */
    public int maxLogLineBytes() {
        return maxLogLineBytes;
    }

    /** The longest stdout line read as a metadata point, in bytes of UTF-8; longer ones are only logged. */
    public int maxMetadataLineBytes() {
        return maxMetadataLineBytes;
    }

    /** The largest plugin jar uploaded or downloaded from an update site, in bytes. */
    public long maxPluginBytes() {
        return maxPluginBytes;
    }

    /** The largest file fetched for an {@code http(s)} input, in bytes. */
    public long maxInputBytes() {
        return maxInputBytes;
    }

    private static long parse(String variable, String text, long max) {
        try {
            long value = Long.parseLong(text.strip());
            if (value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from 1 to " + max + ", not '" + text
                + "'");
    }

    private static long positive(String variable, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(variable + " must be 1 or more, not " + value);
        }
        return value;
    }
}
