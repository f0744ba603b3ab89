package io.lathe.plugins.notifier.webhook;

import io.lathe.plugin.api.PluginContext;
import io.lathe.plugin.api.config.ConfigError;
import io.lathe.plugin.api.config.ConfigProperty;
import io.lathe.plugin.api.config.ConfigPropertyType;
import io.lathe.plugin.api.config.Settings;
import io.lathe.plugin.api.notify.Notifier;
import io.lathe.plugin.api.notify.NotifierFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** Makes channels that POST each event as JSON to a URL, optionally signed. */
@Extension
public final class WebhookNotifierFactory implements NotifierFactory {

    static final String URL = "url";
    static final String SECRET = "secret";
    static final String TIMEOUT_SECONDS = "timeout-seconds";
    private static final long MAX_TIMEOUT_SECONDS = 300;

    private static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.builder(URL, ConfigPropertyType.STRING)
                    .label("URL")
                    .help("Where each event is POSTed as JSON; http or https.")
                    .required()
                    .build(),
            ConfigProperty.builder(SECRET, ConfigPropertyType.STRING)
                    .label("Signing secret")
                    .help("When set, each request carries X-Lathe-Signature: sha256=<hex HMAC-SHA256 of the body>, "
                            + "so the receiver can check it came from Lathe.")
                    .secret()
                    .build(),
            ConfigProperty.builder(TIMEOUT_SECONDS, ConfigPropertyType.INTEGER)
                    .label("Timeout (seconds)")
                    .help("How long to wait for a connection and for the answer.")
                    .defaultValue("10")
                    .build());

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String displayName() {
        return "Webhook";
    }

    @Override
    public String description() {
        return "POSTs each event as a JSON object to a URL.";
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return PROPERTIES;
    }

    @Override
    public List<ConfigError> validate(Map<String, String> settings) {
        List<ConfigError> errors = new ArrayList<>(NotifierFactory.super.validate(settings));
        String url = settings.get(URL);
        if (url != null && !url.isBlank()) {
            urlProblem(url.trim()).ifPresent(problem -> errors.add(new ConfigError(URL, problem)));
        }
        String timeout = settings.get(TIMEOUT_SECONDS);
        boolean timeoutParses = errors.stream().noneMatch(error -> error.field().equals(TIMEOUT_SECONDS));
        if (timeoutParses && timeout != null && !timeout.isBlank()) {
            long seconds = Long.parseLong(timeout.trim());
            if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
                errors.add(new ConfigError(TIMEOUT_SECONDS,
                        "Timeout must be between 1 and " + MAX_TIMEOUT_SECONDS + " seconds, not " + seconds));
            }
        }
        return errors;
    }

    @Override
    public Notifier create(Settings settings, PluginContext context) {
        URI url = URI.create(settings.get(URL).trim());
        Optional<Signer> signer = settings.find(SECRET).map(Signer::new);
        return new WebhookNotifier(url, signer, Duration.ofSeconds(settings.getLong(TIMEOUT_SECONDS)));
    }

    private static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("URL is not valid: " + e.getReason() + " at position " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("URL must start with http:// or https://, such as https://hooks.example.com/lathe");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("URL must name a host, such as https://hooks.example.com/lathe");
        }
        return Optional.empty();
    }
}
