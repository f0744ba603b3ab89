package io.lathe.plugins.storage.s3;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server in the test's JVM: s3proxy on a free port of 127.0.0.1, checking AWS signatures against one
 * key pair. Objects live in memory ({@code transient}) or under a folder ({@code filesystem}).
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "lathe-test-access";
    static final String SECRET_KEY = "lathe-test-secret-0123456789";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    /** A server keeping objects in memory. */
    static S3ProxyServer inMemory() throws Exception {
        return start("transient", new Properties());
    }

    /** A server keeping objects as files under {@code folder}, for objects too large to hold in the heap. */
    static S3ProxyServer onDisk(java.nio.file.Path folder) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toString());
        return start("filesystem", properties);
    }

    private static S3ProxyServer start(String provider, Properties properties) throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder(provider)
                .credentials("unused", "unused")
                .overrides(properties)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, context);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Makes a new, empty bucket with a random name and returns its name. */
    String createBucket() {
        String name = "test-" + UUID.randomUUID().toString().substring(0, 18);
        blobStore().createContainerInLocation(null, name);
        return name;
    }

    BlobStore blobStore() {
        return context.getBlobStore();
    }

    /** The settings of a data store in {@code bucket} of this server, with {@code more} added or replaced. */
    Map<String, String> settings(String bucket, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>();
        settings.put(S3Settings.ENDPOINT, endpoint().toString());
        settings.put(S3Settings.BUCKET, bucket);
        settings.put(S3Settings.ACCESS_KEY, ACCESS_KEY);
        settings.put(S3Settings.SECRET_KEY, SECRET_KEY);
        settings.put(S3Settings.PATH_STYLE, "true");
        settings.putAll(more);
        return settings;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
